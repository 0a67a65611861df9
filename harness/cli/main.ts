import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { packageRoot } from '../../core/package-root.js';
import { EXIT } from '../../core/exit-codes.js';
import { loadrigVersion } from '../meta/version.js';
import { capacityCommand } from './commands/capacity-command.js';
import type { CapacityFlags } from './commands/capacity-flags.js';
import { cleanCommand } from './commands/clean-command.js';
import { registerCompareCommands } from './commands/compare-commands.js';
import { exportCommand } from './commands/export-command.js';
import { importCommand } from './commands/import-command.js';
import { k8sCommand, type K8sCommandOptions } from './commands/k8s-command.js';
import { openCommand } from './commands/open-command.js';
import { psCommand } from './commands/ps-command.js';
import { reportCommand } from './commands/report-command.js';
import type { runCommand as runCommandModule } from './commands/run-command.js';
import { reportError } from './report-error.js';
import { registerHistory } from './commands/history-cli.js';
import { runsAndOutFlags } from './runs-flags.js';

/**
 * `run` and `demo` pull in the providers, engines and collectors (half a second of module
 * loading): loaded when one of them runs, so `report`, `open`, `ps`... start without them.
 */
const runCommand: typeof runCommandModule = async (...args) =>
  (await import('./commands/run-command.js')).runCommand(...args);

const EXAMPLES = `
Examples:
  $ loadrig demo                                    # sample API, 30 s ramp, report in ./runs
  $ loadrig run examples/demo.ts          # a scenario file (TypeScript)
  $ loadrig run checkout.ts --target http://127.0.0.1:8080 --duration 2m
  $ loadrig report runs/20261123T081500Z-demo       # re-render a stored run
  $ loadrig run checkout.ts --format html,junit,md  # also write junit.xml and summary.md
  $ loadrig open runs/20261123T081500Z-demo         # open its report.html
  $ loadrig run api.ts --replicas 1,2,4             # container target: one run per replica count
  $ loadrig ps && loadrig clean                     # list / remove containers of crashed runs
  $ loadrig run api.ts --out influxdb=http://127.0.0.1:8086/loadrig   # also stream to InfluxDB
  $ loadrig history --runs runs --branch main       # change points across runs; exit 1 on a regression
  $ loadrig capacity api.ts --slo 'p(99)<300' --target-rate 3000   # instances for 3,000 req/s
  $ loadrig compare runs/A runs/B                   # verdict per metric: regression or noise?
  $ loadrig ab api.ts --base main --candidate HEAD  # build both refs, 3+3 interleaved rounds

Exit codes: 0 thresholds passed, 1 a threshold failed (compare, ab: a regression), 2 bad usage or invalid scenario/target,
3 the target could not be started, did not answer or died, or the run directory could not be written,
4 internal error, 130 interrupted (a run found with its process gone: aborted).`;

const FORMAT_FLAG = '-f, --format <list>';
const FORMAT_HELP =
  'outputs, comma-separated: html, json (summary.json), junit (junit.xml), md (summary.md); default html,json';

function program(): Command {
  const color = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
  const cli = new Command('loadrig')
    .description('Stand a target up, drive typed load scenarios at it, and report what is wrong.')
    .version(loadrigVersion())
    .showHelpAfterError('(run loadrig --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride();

  const runOptions = (cmd: Command): Command =>
    runsAndOutFlags(cmd)
      .option(
        '-t, --target <name|url>',
        "bundled target name (sample-api) or base URL, replacing the scenario's target",
      )
      .option(
        '-d, --duration <duration>',
        "stretch or shrink the profile to this length, e.g. '30s', '2m'",
      )
      .option(
        '-e, --engine <name>',
        'load engine: builtin, or k6 (K6_BINARY or k6 on PATH)',
        'builtin',
      )
      .option('--segments <n>', 'run N k6 processes, each an equal execution segment (--engine k6)')
      .option(
        '--fail-on <severity>',
        'also fail (exit 1) on findings at or above this severity: critical, warning, never',
        'never',
      )
      .option(FORMAT_FLAG, FORMAT_HELP)
      .option('--baseline <name>', 'afterwards, compare the run against this saved baseline');

  runOptions(
    cli
      .command('run')
      .argument('<scenario-file>', 'a .ts or .js file that default-exports scenario({...})'),
  )
    .option(
      '-r, --replicas <counts>',
      'container targets: one run per replica count behind nginx, e.g. 1,2,4',
    )
    .description('run a scenario file')
    .action(async (file: string, opts) => {
      process.exitCode = await runCommand(file, { ...opts, color });
    });

  runOptions(cli.command('demo'))
    .description(
      'run the bundled demo: the sample API as a local process, a ~30 s ramp, then the report',
    )
    .action(async (opts) => {
      process.exitCode = await runCommand(join(packageRoot(), 'examples', 'demo.ts'), {
        ...opts,
        color,
      });
    });

  cli
    .command('report')
    .argument('<run-dir>', 'a run directory (holds run.json)')
    .option(FORMAT_FLAG, FORMAT_HELP)
    .description('re-analyse and re-render a stored run without re-running it')
    .action((dir: string, opts: { format?: string }) => {
      process.exitCode = reportCommand(dir, { color, ...opts });
    });

  cli
    .command('ps')
    .option(
      '--runs <dir>',
      'folder of run directories to look for runs in progress (default: runs)',
    )
    .description(
      'list runs in progress (marking those whose loadrig process died as aborted) and the containers loadrig started that still exist',
    )
    .action(async (opts: { runs?: string }) => {
      process.exitCode = await psCommand(opts);
    });

  cli
    .command('clean')
    .option('--run <run-id>', "remove this run's containers only")
    .option('--all', 'also remove containers of runs still in progress')
    .description(
      'remove what crashed or killed runs left behind: their temp directories and containers (found by their loadrig labels)',
    )
    .action(async (opts: { run?: string; all?: boolean }) => {
      process.exitCode = await cleanCommand(opts);
    });

  cli
    .command('open')
    .argument('<run-dir>', 'a run directory, or a report.html')
    .description("open a run's report.html in the browser (prints the path where there is none)")
    .action((dir: string) => {
      process.exitCode = openCommand(dir);
    });
  runsAndOutFlags(cli.command('import'))
    .argument('<k6-json-output...>', 'files written by k6 run --out json=FILE (one per k6 process)')
    .option('-n, --name <name>', 'scenario name for the run (default: the first file name)')
    .option(
      '--summary <file...>',
      "k6's --summary-export files: the thresholds on tagged metrics are only there",
    )
    .description(
      'build a run directory and report from k6 JSON output (plain or .gz) made elsewhere',
    )
    .action(
      async (
        files: string[],
        opts: { runs?: string; out?: string[]; o?: string[]; name?: string; summary?: string[] },
      ) => {
        process.exitCode = await importCommand(files, { ...opts, color });
      },
    );

  cli
    .command('export')
    .argument('<format>', 'k6')
    .argument('<scenario-file>', 'a typed scenario')
    .option('-o, --output <file>', 'where to write the script (default: <scenario>.k6.js)')
    .description(
      'write a typed scenario as a k6 script k6 v1.x runs as is (options from the profile and the scenario)',
    )
    .action(async (format: string, file: string, opts: { output?: string }) => {
      process.exitCode = await exportCommand(format, file, opts);
    });
  cli
    .command('k8s')
    .argument('<scenario-file>', 'a typed scenario')
    .requiredOption(
      '-p, --parallelism <n>',
      'number of k6 runners (each an equal execution segment)',
    )
    .requiredOption('-u, --base-url <url>', 'the target as the runners reach it')
    .option('--namespace <ns>', 'Kubernetes namespace')
    .option(
      '--results-claim <pvc>',
      'a PersistentVolumeClaim where each runner writes its k6 JSON output',
    )
    .option(
      '--k6-out <output...>',
      'more k6 outputs for every runner (e.g. influxdb=http://influxdb:8086/k6), added to K6_OUT beside the JSON output loadrig imports',
    )
    .option('-o, --output <file>', 'where to write the manifest (default: <scenario>.testrun.yaml)')
    .description(
      'write a k6-operator TestRun and a ConfigMap with the bundled script (see infra/k8s)',
    )
    .action(async (file: string, opts: K8sCommandOptions) => {
      process.exitCode = await k8sCommand(file, opts);
    });
  registerHistory(cli);
  cli
    .command('capacity')
    .argument(
      '[scenario-file]',
      'the scenario whose flow and target are measured (omit with --from)',
    )
    .option('--slo <expression>', "latency objective per instance, e.g. 'p(99)<300' (ms)")
    .option(
      '--max-error-rate <share>',
      'a step with more failed requests misses the SLO (default 0.01)',
    )
    .option('--target-rate <req/s>', 'answer in instances for this rate')
    .option('--headroom <share>', 'capacity kept free (default 0.3)')
    .option('--steps <vus>', 'closed model: VUs per step (default 1,2,4,8,16,32,64)')
    .option('--step-rate <list>', 'open model: arrivals per second per step, e.g. 50,100,200')
    .option('--step-duration <d>', 'longest hold of a step that never settles (default 30s)')
    .option('--measure <d>', 'measured time after a step settles (default 10s)')
    .option('--steady-window <d>', 'window of the steadiness check (default 5s)')
    .option(
      '--steady-cv <x>',
      'steady when the throughput CV over the window is at most x (default 0.05)',
    )
    .option(
      '--from <dir>',
      'analyse a stress or breakpoint run, or a capacity folder, instead of measuring',
    )
    .option(
      '-r, --replicas <counts>',
      'container targets: measure at each replica count, e.g. 1,2,4',
    )
    .option(
      '--sweep <setting=values>',
      'measure at each value of a target setting, e.g. env.WORKERS=1,2,4',
    )
    .option(
      '-t, --target <name|url>',
      "bundled target name or base URL, replacing the scenario's target",
    )
    .option('--runs <dir>', 'where the capacity folder of step runs goes (default runs)')
    .option('-o, --output <dir>', 'with --from: where the outputs go (default: that directory)')
    .option('-e, --engine <name>', 'load engine (default builtin)')
    .option('--min-r2 <r2>', 'below this R² the USL is not extrapolated (default 0.9)')
    .option('--resamples <n>', 'bootstrap resamples for the intervals (default 200)')
    .option('--seed <n>', 'seed of the bootstrap (default 1)')
    .option('-f, --format <list>', 'outputs: html, md, json (default all three)')
    .description(
      'how many instances serve a rate within an SLO: stepped load, USL fit, p99 against throughput (exit 1: the SLO was never met)',
    )
    .action(async (file: string | undefined, opts: CapacityFlags) => {
      process.exitCode = await capacityCommand(file, opts);
    });
  registerCompareCommands(cli, color);
  return cli;
}

try {
  await program().parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    process.exitCode = reportError(e);
  }
}
// Stdout and stderr are synchronous on Linux for files and pipes, so nothing printed is lost;
// exiting explicitly keeps a stray keep-alive socket or timer from holding the CLI open.
process.exit(process.exitCode ?? EXIT.ok);
