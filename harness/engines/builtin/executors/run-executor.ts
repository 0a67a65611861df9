import type { Executor } from '../../../../scenarios/executors.js';
import { assertNever } from '../../../../scenarios/schedule.js';
import { runArrivalRateExecutor } from './arrival-rate-executor.js';
import type { ExecutorRun } from './executor-run.js';
import { runIterationsExecutor } from './iterations-executor.js';
import { runVuExecutor } from './vu-executor.js';

/** Runs one named scenario's executor to its end (graceful stop included). */
export function runExecutor(e: Executor, run: ExecutorRun): Promise<void> {
  switch (e.executor) {
    case 'constant-vus':
    case 'ramping-vus':
      return runVuExecutor(e, run);
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return runArrivalRateExecutor(e, run);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return runIterationsExecutor(e, run);
    default:
      return assertNever(e);
  }
}
