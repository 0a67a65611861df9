import type { ErrorCode } from '../../../../core/errors.js';
import type { ClientBucket } from '../../../../core/run-dir/run-data.js';
import type { Executor } from '../../../../scenarios/executors.js';
import type { Profile } from '../../../../scenarios/profile.js';
import type { EngineResult } from '../../engine.js';

/** What a worker thread is started with: plain data (the flows come from the scenario file). */
export interface WorkerInit {
  scenarioFile: string;
  baseUrl: string;
  profile: Profile;
  /** This worker's share of each named scenario. */
  executors: Record<string, Executor>;
  env: Record<string, string | undefined>;
  gracefulStopMs: number;
  httpTimeoutMs?: number;
  maxRedirects?: number;
  insecureSkipTlsVerify?: boolean;
  noCookiesReset?: boolean;
  firstVuId: number;
  /** This thread among all: `unique` feeders hand out every threadCount-th row from threadIndex. */
  threadIndex: number;
  threadCount: number;
}

export type ToWorker =
  /** Every thread is ready: start the load at this instant (unix ms, see epochNowMs). */
  { type: 'start'; atEpochMs: number } | { type: 'stop' };

export type FromWorker =
  /** The scenario is loaded: the thread waits for `start`. */
  | { type: 'ready' }
  | {
      type: 'bucket';
      /**
       * This thread's second, each histogram encoded once; no percentiles (the merge has them).
       * Its `vus` is the most VUs busy at once in the second.
       */
      bucket: ClientBucket;
      /** The most VUs allocated at once in the second. */
      peakAllocatedVus: number;
      /** VUs busy and allocated when the second was posted (the main thread adds threads up). */
      activeVus: number;
      allocatedVus: number;
      /** Arrivals started this second, and the start lags above 1 ms (at most 1,000). */
      arrivals: number;
      lateLagsMs: number[];
      /** This thread's event-loop delay, p99 over the second. */
      loopLagMs: number;
    }
  | { type: 'flowError'; message: string; location?: string }
  | { type: 'done'; result: EngineResult }
  /** The run failed in the thread; a loadrig error keeps its code and hint across. */
  | { type: 'error'; message: string; code?: ErrorCode; hint?: string };
