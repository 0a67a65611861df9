import type { Command } from 'commander';
import { DEFAULT_CHANGE_POINT_OPTIONS } from '../../../reports/analysis/history/change-points.js';
import { historyCommand } from './history-command.js';
import type { HistoryFlags } from './history-options.js';

/** Registers `loadrig history` and its flags. */
export function registerHistory(cli: Command): void {
  const d = DEFAULT_CHANGE_POINT_OPTIONS;
  cli
    .command('history')
    .description(
      'change points across runs of a folder (or InfluxDB): history.html, .md and .json; exit 1 when the newest run starts or continues a regression',
    )
    .option('--runs <dir>', 'folder of run directories, searched one level deep (default: runs)')
    .option('--influx <url>', 'read the runs from InfluxDB instead: http://host:8086/<database>')
    .option('--scenario <name>', 'only runs of this scenario')
    .option('--branch <branch>', 'only runs of this git branch')
    .option('--since <date>', 'only runs started since then: 2026-01-31, or 30d')
    .option(
      '--window <runs>',
      'runs per sliding window of the change-point search',
      String(d.windowLen),
    )
    .option('--max-p <p>', 'p-value a change point must beat (Student t-test)', String(d.maxP))
    .option(
      '--min-magnitude <ratio>',
      'smallest relative shift of the mean reported: 0.05 = 5 %',
      String(d.minMagnitude),
    )
    .option(
      '--fail-on <what>',
      'exit 1 when the newest run starts or continues a regression: regression, never',
      'regression',
    )
    .option(
      '-o, --output <dir>',
      'where history.html, history.md and history.json go (default: the runs folder; with --influx, the current directory)',
    )
    .action(async (opts: HistoryFlags) => {
      process.exitCode = await historyCommand(opts);
    });
}
