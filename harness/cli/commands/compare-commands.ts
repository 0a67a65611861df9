import type { Command } from 'commander';
import { abCommand, type AbCommandOptions } from './ab-command.js';
import { baselineListCommand, baselineSaveCommand } from './baseline-command.js';
import { compareCommand, type CompareCommandOptions } from './compare-command.js';
import { addCompareOptions } from './compare-options.js';

/** compare, ab and baseline: verdicts across runs (README "Comparing runs"). */
export function registerCompareCommands(cli: Command, color: boolean): void {
  addCompareOptions(
    cli
      .command('compare')
      .argument(
        '<sides...>',
        'base and candidate: each a run directory, a folder of them, or a comma list',
      )
      .option(
        '--baseline <name>',
        'take the base from a saved baseline (then give only the candidate)',
      )
      .option('--runs <dir>', 'where runs and baselines live', 'runs')
      .option(
        '-o, --output <dir>',
        'where the outputs go (default <runs>/<UTC>-compare-<scenario>)',
      ),
  )
    .description(
      'compare runs of two builds: a verdict per metric that separates change from noise',
    )
    .action((sides: string[], opts: Omit<CompareCommandOptions, 'color'>) => {
      process.exitCode = compareCommand(sides, { ...opts, color });
    });
  addCompareOptions(
    cli
      .command('ab')
      .argument('<scenario-file>', 'a scenario in the repository (each ref uses its own copy)')
      .requiredOption('--base <ref>', 'git ref of the base build')
      .requiredOption('--candidate <ref>', 'git ref of the candidate build')
      .option('--rounds <n>', 'rounds per side, run A B B A A B ...', '3')
      .option('--round-duration <d>', "stretch or shrink each round's profile, e.g. '30s'")
      .option('-e, --engine <name>', 'load engine: builtin or k6', 'builtin')
      .option('--runs <dir>', 'directory that receives the ab folder', 'runs'),
  )
    .description('build two git refs in worktrees, run them in interleaved rounds, and compare')
    .action(async (file: string, opts: Omit<AbCommandOptions, 'color'>) => {
      process.exitCode = await abCommand(file, { ...opts, color });
    });
  const baseline = cli.command('baseline').description('named baselines for compare --baseline');
  baseline
    .command('save')
    .argument('<name>', 'e.g. release-1.4 or nightly')
    .argument('<run-dirs...>', 'run directories (or folders of them) to keep as the baseline')
    .option('--runs <dir>', 'where runs and baselines live', 'runs')
    .description('copy runs into <runs>/baselines/<name>, replacing a baseline of that name')
    .action((name: string, dirs: string[], opts: { runs: string }) => {
      process.exitCode = baselineSaveCommand(name, dirs, opts);
    });
  baseline
    .command('list')
    .option('--runs <dir>', 'where runs and baselines live', 'runs')
    .description('list the saved baselines')
    .action((opts: { runs: string }) => {
      process.exitCode = baselineListCommand(opts);
    });
}
