import { appendFileSync } from 'node:fs';
import { analyseRun, type RunAnalysis } from '../../reports/index.js';
import {
  DEFAULT_FORMATS,
  reportFormats,
  type ReportFormatName,
} from '../../reports/render/report-formats.js';
import { closingStatus } from '../../reports/analysis/verdict.js';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { RunData, RunMeta, RunStatus } from '../../core/run-dir/run-data.js';
import type { EngineResult } from '../engines/engine.js';
import { compareVerdicts } from '../engines/k6/k6-summary.js';
import { exitCodeForStatus } from '../../core/exit-codes.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import { readRun } from '../../core/run-dir/read-run.js';
import type { RunStore } from '../store/run-store.js';
import type { RunDigest } from '../../core/run-dir/schema/digest.js';
import { writeDigest } from '../history/write-digest.js';

export interface RunOutcome {
  dir: string;
  run: RunData;
  analysis: RunAnalysis;
  reportPath: string;
  exitCode: number;
  /** The figures `loadrig history` follows (digest.json). */
  digest: RunDigest;
}

/**
 * Analyses what was recorded (read back from the run directory, as `loadrig report` would) and
 * writes summary.json, report.html, digest.json and the final run.json.
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
  const { k6DeclaredThresholds, ...engineResult } = result ?? {};
  const draft: RunMeta = {
    ...meta,
    endedAt,
    ...(result ? { engineResult: engineResult as EngineResult } : {}),
    // A plain k6 script declares its thresholds in its own options: judge by those.
    ...(k6DeclaredThresholds && Object.keys(meta.scenario.thresholds).length === 0
      ? { scenario: { ...meta.scenario, thresholds: k6DeclaredThresholds } }
      : {}),
  };
  const analysis = analyseRun({ ...recorded, meta: draft });
  const status = withK6Verdicts(closingStatus(draft.status, analysis, draft.failOn), result);
  warnOnVerdictDisagreement(analysis, result, progress);
  // Redacted once, here: the outputs (report, summary, console) and run.json show the same meta.
  const run: RunData = { ...recorded, meta: redactDeep({ ...draft, status }) };
  progress.phase?.('report');
  const written = writeOutputs(store, run, analysis, DEFAULT_FORMATS);
  const reportPath = written.html ?? store.dir;
  const digest = writeDigest(store, run);
  store.writeMeta(run.meta, { redacted: true });
  return { dir: store.dir, run, analysis, reportPath, exitCode: exitCodeForStatus(status), digest };
}

/**
 * A threshold k6 failed fails the run too (k6 alone would have exited 99), even where loadrig's
 * evaluation over the merged data passed: the disagreement is printed, and CI goes red.
 */
function withK6Verdicts(status: RunStatus, result: EngineResult | undefined): RunStatus {
  const k6Failed = result?.k6Thresholds?.some((v) => !v.passed) === true;
  return status === 'passed' && k6Failed ? 'failed' : status;
}

/** loadrig evaluates thresholds over the merged data; k6's own verdicts should agree. */
function warnOnVerdictDisagreement(
  analysis: RunAnalysis,
  result: EngineResult | undefined,
  progress: ProgressListener,
): void {
  if (!result?.k6Thresholds) return;
  const ours = analysis.thresholds.map((t) => ({
    metric: t.selector,
    expression: t.expression,
    ok: t.ok,
  }));
  for (const row of compareVerdicts(ours, result.k6Thresholds)) {
    if (row.agree) continue;
    const verdict = (v: boolean | undefined): string =>
      v === undefined ? 'not evaluated' : v ? 'passed' : 'failed';
    progress.warn?.(
      `threshold ${row.metric} ${row.expression}: loadrig ${verdict(row.loadrig)}, k6 ${verdict(row.k6)}`,
    );
  }
}

/**
 * Renders each format into the run directory (atomically) and returns the paths written. The
 * Markdown summary is also appended to $GITHUB_STEP_SUMMARY when GitHub Actions sets it.
 */
export function writeOutputs(
  store: Pick<RunStore, 'writeOutput'>,
  run: RunData,
  analysis: RunAnalysis,
  formats: readonly ReportFormatName[],
): Partial<Record<ReportFormatName, string>> {
  const written: Partial<Record<ReportFormatName, string>> = {};
  for (const name of formats) {
    const format = reportFormats[name];
    const content = format.render(run, analysis);
    written[name] = store.writeOutput(format.file, content);
    const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
    if (name === 'md' && stepSummary) appendFileSync(stepSummary, content + '\n');
  }
  return written;
}
