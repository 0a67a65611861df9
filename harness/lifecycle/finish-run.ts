import { analyseRun, renderHtml, toSummaryJson, type RunAnalysis } from '../../reports/index.js';
import type { RunData, RunMeta } from '../../reports/model/run-data.js';
import type { EngineResult } from '../engines/engine.js';
import { EXIT } from '../errors.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import { readRun } from '../store/read-run.js';
import type { RunStore } from '../store/run-store.js';

export interface RunOutcome {
  dir: string;
  run: RunData;
  analysis: RunAnalysis;
  reportPath: string;
  exitCode: number;
}

/**
 * Analyses what was recorded (read back from the run directory, as `loadrig report` would) and
 * writes summary.json, report.html and the final run.json.
 */
export function finishRun(
  store: RunStore,
  meta: RunMeta,
  result: EngineResult | undefined,
  progress: ProgressListener,
): RunOutcome {
  progress.phase?.('analyse');
  const endedAt = meta.endedAt ?? new Date().toISOString();
  const recorded = readRun(store.dir);
  const draft: RunMeta = { ...meta, endedAt, ...(result ? { engineResult: result } : {}) };
  const analysis = analyseRun({ ...recorded, meta: draft });
  const status = draft.status === 'passed' && !analysis.passed ? 'failed' : draft.status;
  const run: RunData = { ...recorded, meta: { ...draft, status } };
  progress.phase?.('report');
  store.writeFile('summary', JSON.stringify(toSummaryJson(run, analysis), null, 2) + '\n');
  const reportPath = store.writeFile('report', renderHtml(run, analysis));
  store.writeMeta(run.meta);
  return { dir: store.dir, run, analysis, reportPath, exitCode: exitCodeForStatus(status) };
}

export function exitCodeForStatus(status: RunMeta['status']): number {
  switch (status) {
    case 'passed':
      return EXIT.ok;
    case 'failed':
      return EXIT.thresholdFailed;
    case 'interrupted':
      return EXIT.interrupted;
    case 'error':
      return EXIT.target;
    case 'running':
      return EXIT.internal;
  }
}
