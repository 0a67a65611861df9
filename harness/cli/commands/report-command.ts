import { writeFileSync } from 'node:fs';
import {
  analyseRun,
  renderConsoleSummary,
  renderHtml,
  toSummaryJson,
} from '../../../reports/index.js';
import { readRun } from '../../store/read-run.js';
import { runFile } from '../../store/run-dir.js';
import { exitCodeForStatus } from '../../lifecycle/finish-run.js';

/** Re-analyses and re-renders a stored run without re-running it. */
export function reportCommand(dir: string, opts: { color: boolean }): number {
  const run = readRun(dir);
  const analysis = analyseRun(run);
  writeFileSync(
    runFile(dir, 'summary'),
    JSON.stringify(toSummaryJson(run, analysis), null, 2) + '\n',
  );
  const reportPath = runFile(dir, 'report');
  writeFileSync(reportPath, renderHtml(run, analysis));
  process.stdout.write(renderConsoleSummary(run, analysis, opts) + '\n');
  process.stdout.write(`\nreport: ${reportPath}\n`);
  const status = run.meta.status === 'passed' && !analysis.passed ? 'failed' : run.meta.status;
  return exitCodeForStatus(status);
}
