import { writeFileSync, renameSync } from 'node:fs';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { runFile } from '../../core/run-dir/run-files.js';
import type { RunOutcome } from '../lifecycle/finish-run.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import type { OutputSpec } from './index.js';
import { RunOutputs } from './run-outputs.js';

/**
 * Sends a finished run, second by second from its run directory, to outputs (an import has no
 * live seconds to stream), then records in run.json what each output received.
 */
export async function replayIntoOutputs(
  outcome: RunOutcome,
  specs: readonly OutputSpec[],
  progress: ProgressListener,
): Promise<RunData> {
  const { run } = outcome;
  const outputs = new RunOutputs(specs, run.meta.id, (m) => progress.warn?.(m));
  const serverAt = new Map(run.server.map((s) => [s.t, s]));
  for (const bucket of run.client) outputs.second(bucket, serverAt.get(bucket.t));
  outputs.finish(run.meta, outcome.digest);
  const meta = { ...run.meta, outputs: await outputs.close() };
  const path = runFile(outcome.dir, 'meta');
  writeFileSync(`${path}.tmp`, JSON.stringify(redactDeep(meta), null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
  return { ...run, meta };
}
