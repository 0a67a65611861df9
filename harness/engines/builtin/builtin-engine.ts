import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { executorMaxVus } from '../../../scenarios/executor-schedule.js';
import type { Executor } from '../../../scenarios/executors.js';
import { distPath } from '../../../core/package-root.js';
import { profileExecutors } from '../../../core/run-dir/profile-executors.js';
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import {
  EngineError,
  ERROR_CODES,
  LoadrigError,
  MetricKindError,
  type ErrorCode,
} from '../../../core/errors.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import type { Engine, EngineEvents, EnginePlan, EngineResult } from '../engine.js';
import { SingleThreadEngine } from './single-thread-engine.js';
import { splitExecutor } from './split-executor.js';
import { ThreadVus } from './thread-vus.js';
import { epochNowMs } from './executors/arrival-clock.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker/worker-protocol.js';

const WORKER_FILE = 'harness/engines/builtin/worker/engine-worker.js';
/** How far ahead of "all ready" the shared start is set, so every thread hears of it in time. */
const START_MARGIN_MS = 50;

/** Worker threads the machine can spare: one core stays with the main thread (and the target). */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * The built-in engine across worker threads: each runs its share of every executor (split as
 * k6's execution segments) and posts per-second buckets that the main thread merges exactly
 * into the sink. One thread, or a plan without a scenario file to load the flows from, runs
 * in this thread instead.
 */
export class BuiltinEngine implements Engine {
  readonly inProcess = true;

  constructor(private readonly workers: number = defaultWorkerCount()) {}

  threads(plan: EnginePlan): number {
    const count = plan.workers ?? this.workers;
    return plan.source === undefined ? 1 : Math.max(1, count);
  }

  run(
    plan: EnginePlan,
    sink: MetricSink,
    interrupt: AbortSignal,
    events: EngineEvents = {},
  ): Promise<EngineResult> {
    const count = plan.workers ?? this.workers;
    if (count <= 1 || plan.source === undefined || sink.merge === undefined) {
      return new SingleThreadEngine().run(plan, sink, interrupt, events);
    }
    return this.runWorkers(plan, plan.source.scenarioFile, sink, interrupt, events, count);
  }

  private async runWorkers(
    plan: EnginePlan,
    scenarioFile: string,
    sink: MetricSink,
    interrupt: AbortSignal,
    events: EngineEvents,
    count: number,
  ): Promise<EngineResult> {
    const file = distPath(WORKER_FILE);
    if (!existsSync(file)) {
      throw new EngineError(
        `the engine worker ${file} is missing`,
        'run `npm run build` first (worker threads run the compiled engine)',
      );
    }
    const executors = plan.executors ?? profileExecutors(plan.profile, plan.gracefulStopMs);
    const inits: WorkerInit[] = [];
    let firstVuId = 1;
    for (let i = 0; i < count; i++) {
      const mine: Record<string, Executor> = {};
      for (const [name, e] of Object.entries(executors)) {
        const part = splitExecutor(e, i, count);
        if (part !== undefined) mine[name] = part;
      }
      if (Object.keys(mine).length === 0) continue;
      inits.push({
        scenarioFile,
        baseUrl: plan.baseUrl,
        profile: plan.profile,
        executors: mine,
        env: { ...plan.env },
        gracefulStopMs: plan.gracefulStopMs,
        ...(plan.httpTimeoutMs !== undefined ? { httpTimeoutMs: plan.httpTimeoutMs } : {}),
        ...(plan.maxRedirects !== undefined ? { maxRedirects: plan.maxRedirects } : {}),
        ...(plan.noCookiesReset === true ? { noCookiesReset: true } : {}),
        ...(plan.insecureSkipTlsVerify !== undefined
          ? { insecureSkipTlsVerify: plan.insecureSkipTlsVerify }
          : {}),
        firstVuId,
        threadIndex: i,
        threadCount: count,
      });
      firstVuId += Object.values(mine).reduce((n, e) => n + executorMaxVus(e), 0);
    }
    const seenErrors = new Set<string>();
    const reportFlowError = (message: string, location?: string): void => {
      if (seenErrors.has(message)) return;
      seenErrors.add(message);
      events.onFlowError?.(message, location);
    };
    // Kind conflicts between threads (one recorded "x" as a trend, another as a counter) show
    // up only here, where their seconds meet: counted as flow errors, like one inside a thread.
    const mergeErrors: Record<string, number> = {};
    const merge = (bucket: ClientBucket): void => {
      try {
        sink.merge?.(bucket);
      } catch (e) {
        if (!(e instanceof MetricKindError)) throw e;
        mergeErrors[e.message] = (mergeErrors[e.message] ?? 0) + 1;
        sink.counter('flow_errors', MERGE_ERROR_TAGS, 1);
        reportFlowError(e.message);
      }
    };
    const threads = inits.map((init) => new Worker(file, { workerData: init }));
    const threadVus = new ThreadVus(threads.length, sink);
    // Threads load the scenario at their own pace; the load starts for all at one instant
    // once every one is ready, so their arrivals interleave and the phases match the load.
    let ready = 0;
    const onReady = (): void => {
      if (++ready < threads.length) return;
      const nowEpochMs = epochNowMs();
      const atEpochMs = nowEpochMs + START_MARGIN_MS;
      for (const t of threads) t.postMessage({ type: 'start', atEpochMs } satisfies ToWorker);
      events.onStart?.(Date.now() + (atEpochMs - nowEpochMs));
    };
    const onInterrupt = (): void => {
      for (const t of threads) t.postMessage({ type: 'stop' } satisfies ToWorker);
    };
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    try {
      const results = await Promise.all(
        threads.map(
          (thread, i) =>
            new Promise<EngineResult>((resolve, reject) => {
              thread.on('message', (m: FromWorker) => {
                switch (m.type) {
                  case 'ready':
                    onReady();
                    return;
                  case 'bucket':
                    try {
                      merge(m.bucket);
                    } catch (e) {
                      reject(e);
                      return;
                    }
                    events.onWorkerLag?.(m.loopLagMs, m.bucket.t);
                    if (events.onScheduleLag) {
                      for (const lag of m.lateLagsMs) events.onScheduleLag(lag);
                      for (let n = m.lateLagsMs.length; n < m.arrivals; n++)
                        events.onScheduleLag(0);
                    }
                    threadVus.second(i, {
                      t: m.bucket.t,
                      peakActive: m.bucket.vus,
                      peakAllocated: m.peakAllocatedVus,
                      active: m.activeVus,
                      allocated: m.allocatedVus,
                    });
                    return;
                  case 'flowError':
                    reportFlowError(m.message, m.location);
                    return;
                  case 'done':
                    threadVus.finish(i);
                    resolve(m.result);
                    return;
                  case 'error':
                    reject(workerError(i, m.message, m.code, m.hint));
                    return;
                }
              });
              thread.on('error', (e) =>
                reject(
                  new EngineError(`engine worker ${i + 1} failed: ${e.message}`, undefined, {
                    cause: e,
                  }),
                ),
              );
              thread.on('exit', (code) =>
                reject(
                  new EngineError(`engine worker ${i + 1} exited (code ${code}) before finishing`),
                ),
              );
            }),
        ),
      );
      const mergeSites = Object.fromEntries(
        Object.keys(mergeErrors).map((m) => [m, { tag: MERGE_ERROR_TAGS.error }]),
      );
      return combine([
        ...results,
        { ...NO_RESULT, flowErrors: mergeErrors, flowErrorSites: mergeSites },
      ]);
    } finally {
      interrupt.removeEventListener('abort', onInterrupt);
      await Promise.all(threads.map((t) => t.terminate()));
      sink.vus(0);
    }
  }
}

/** The flow_errors tag of a kind conflict found where the threads' seconds meet. */
const MERGE_ERROR_TAGS = Object.freeze({ error: 'MetricKindError' });

const NO_RESULT: EngineResult = {
  iterations: 0,
  interruptedIterations: 0,
  droppedIterations: 0,
  flowErrors: {},
  peakVus: 0,
};

/** A thread's failure as the main thread throws it: a loadrig error keeps its code and hint. */
function workerError(
  index: number,
  message: string,
  code: ErrorCode | undefined,
  hint: string | undefined,
): LoadrigError {
  const text = `engine worker ${index + 1}: ${message}`;
  return code !== undefined && ERROR_CODES.includes(code)
    ? new LoadrigError(code, text, hint)
    : new EngineError(text, hint);
}

function combine(results: EngineResult[]): EngineResult {
  const flowErrors: Record<string, number> = {};
  const flowErrorSites: NonNullable<EngineResult['flowErrorSites']> = {};
  for (const r of results) {
    for (const [m, n] of Object.entries(r.flowErrors)) flowErrors[m] = (flowErrors[m] ?? 0) + n;
    for (const [m, site] of Object.entries(r.flowErrorSites ?? {})) flowErrorSites[m] ??= site;
  }
  const sum = (f: (r: EngineResult) => number): number => results.reduce((n, r) => n + f(r), 0);
  return {
    iterations: sum((r) => r.iterations),
    interruptedIterations: sum((r) => r.interruptedIterations),
    droppedIterations: sum((r) => r.droppedIterations),
    flowErrors,
    flowErrorSites,
    // Peaks of different threads need not coincide: upper bounds.
    peakVus: sum((r) => r.peakVus),
    peakAllocatedVus: sum((r) => r.peakAllocatedVus ?? 0),
  };
}
