import { redactDeep } from '../../core/run-dir/redact.js';
import { readRun } from '../../core/run-dir/read-run.js';
import type { RunData, RunMeta } from '../../core/run-dir/run-data.js';
import { analyseRun } from '../../reports/index.js';
import { DEFAULT_FORMATS, type ReportFormatName } from '../../reports/render/report-formats.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import type { RunStore } from '../store/run-store.js';
import { writeOutputs } from './finish-run.js';

/**
 * A run that ended in an error still leaves its outputs (report.html, summary.json, and the
 * formats asked for): what was recorded, or, for a run that stopped before any load, why it
 * stopped (the error's code, message and hint). Never throws: a report that cannot be written
 * must not hide the error that stopped the run; it is only warned about.
 */
export function writeFailureReport(
  store: RunStore,
  meta: RunMeta,
  formats: readonly ReportFormatName[],
  progress: ProgressListener,
): string | undefined {
  try {
    let recorded: RunData;
    try {
      recorded = { ...readRun(store.dir), meta };
    } catch {
      recorded = { meta, client: [], server: [] };
    }
    const run: RunData = { ...recorded, meta: redactDeep(meta) };
    const all = [...new Set([...DEFAULT_FORMATS, ...formats])];
    const written = writeOutputs(store, run, analyseRun(run), all);
    return written.html;
  } catch (e) {
    progress.warn?.(
      `the report of this failed run could not be written: ${e instanceof Error ? e.message : String(e)}`,
    );
    return undefined;
  }
}
