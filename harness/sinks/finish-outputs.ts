import type { RunOutcome } from '../lifecycle/finish-run.js';
import type { RunStore } from '../store/run-store.js';
import type { RunOutputs } from './run-outputs.js';

/**
 * Ends a run's outputs once the run directory is complete: each gets the final run.json and
 * digest, then has a bounded time to drain; what each received goes into run.json `outputs`.
 */
export async function finishOutputs(
  outputs: RunOutputs,
  store: RunStore,
  outcome: RunOutcome,
): Promise<RunOutcome> {
  if (!outputs.active) return outcome;
  outputs.finish(outcome.run.meta, outcome.digest);
  const reports = await outputs.close();
  const meta = { ...outcome.run.meta, outputs: reports };
  store.writeMeta(meta);
  return { ...outcome, run: { ...outcome.run, meta } };
}
