import { resolve } from 'node:path';
import { renderConsoleSummary } from '../../../reports/index.js';
import { importK6 } from '../../lifecycle/import-k6.js';
import { ProgressPrinter } from '../../progress/progress-printer.js';
import { outputLines, resolveRunsAndOutputs } from '../runs-flags.js';
import { replayIntoOutputs } from '../../sinks/replay-run.js';

/** `loadrig import <k6-json-output...>`: a run directory and report from k6 runs made elsewhere. */
export async function importCommand(
  files: string[],
  opts: {
    runs?: string;
    out?: string[];
    o?: string[];
    name?: string;
    summary?: string[];
    color: boolean;
  },
): Promise<number> {
  const { runsDir, outputs } = resolveRunsAndOutputs(opts);
  const progress = new ProgressPrinter(process.stderr);
  const outcome = await importK6(files, {
    outDir: resolve(runsDir),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.summary !== undefined ? { summaryExports: opts.summary } : {}),
    progress,
  });
  // An imported run has no live seconds: its outputs get them all now, from the run directory.
  const run =
    outputs.length > 0 ? await replayIntoOutputs(outcome, outputs, progress) : outcome.run;
  process.stdout.write(
    '\n' + renderConsoleSummary(run, outcome.analysis, { color: opts.color }) + '\n',
  );
  process.stdout.write(`\nreport: ${outcome.reportPath}\n`);
  process.stdout.write(outputLines(run.meta.outputs));
  return outcome.exitCode;
}
