import { resolve } from 'node:path';
import { renderConsoleSummary } from '../../../reports/index.js';
import { importK6 } from '../../lifecycle/import-k6.js';
import { ProgressPrinter } from '../../progress/progress-printer.js';

/** `loadrig import <k6-json-output...>`: a run directory and report from k6 runs made elsewhere. */
export async function importCommand(
  files: string[],
  opts: { out: string; name?: string; summary?: string[]; color: boolean },
): Promise<number> {
  const outcome = await importK6(files, {
    outDir: resolve(opts.out),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.summary !== undefined ? { summaryExports: opts.summary } : {}),
    progress: new ProgressPrinter(process.stderr),
  });
  process.stdout.write(
    '\n' + renderConsoleSummary(outcome.run, outcome.analysis, { color: opts.color }) + '\n',
  );
  process.stdout.write(`\nreport: ${outcome.reportPath}\n`);
  return outcome.exitCode;
}
