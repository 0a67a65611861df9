import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { InternalError, LoadrigError } from '../../../../core/errors.js';
import { Aggregator } from '../../../aggregator/aggregator.js';
import { setFeederPartition } from '../../../../scenarios/feeders.js';
import { loadScenario } from '../../../loader/load-scenario.js';
import { epochNowMs, localFromEpochMs } from '../executors/arrival-clock.js';
import { SingleThreadEngine } from '../single-thread-engine.js';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.js';

/**
 * A worker thread of the built-in engine: runs its share of the executors with its own
 * Aggregator, and posts each second's bucket (each HDR histogram encoded once) to the main
 * thread, which adds them straight into its own second. Posted just before each wall-clock
 * second ends, so samples land in the main thread's bucket of the same second.
 */
const init = workerData as WorkerInit;
const port = parentPort;
if (port === null) throw new InternalError('engine-worker.js must run as a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

const interrupt = new AbortController();
let startAt: (epochMs: number) => void = () => undefined;
const started = new Promise<number>((resolve) => (startAt = resolve));
port.on('message', (m: ToWorker) => {
  if (m.type === 'stop') {
    interrupt.abort();
    startAt(epochNowMs());
  } else if (m.type === 'start') startAt(m.atEpochMs);
});

const FLUSH_BEFORE_SECOND_MS = 30;
// Percentiles are read from the main thread's merged second; here they would be thrown away.
// vus_max is the sum over threads: the main thread writes it.
const aggregator = new Aggregator({ percentiles: false, vusMax: false });
let arrivals = 0;
let lateLagsMs: number[] = [];
const onScheduleLag = (lagMs: number): void => {
  arrivals++;
  if (lagMs > 1 && lateLagsMs.length < 1000) lateLagsMs.push(lagMs);
};
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const postBucket = (): void => {
  const loopLagMs = loop.count > 0 ? loop.percentile(99) / 1e6 : 0;
  loop.reset();
  aggregator.gauge('generator_event_loop_lag', { thread: String(init.threadIndex + 1) }, loopLagMs);
  const peakAllocatedVus = aggregator.allocatedPeak;
  post({
    type: 'bucket',
    bucket: aggregator.flush(Math.floor(Date.now() / 1000)),
    peakAllocatedVus,
    activeVus: aggregator.active,
    allocatedVus: aggregator.allocated,
    arrivals,
    lateLagsMs,
    loopLagMs,
  });
  arrivals = 0;
  lateLagsMs = [];
};
let timer: NodeJS.Timeout | undefined;
const schedule = (): void => {
  const now = Date.now();
  let next = Math.floor(now / 1000) * 1000 + 1000 - FLUSH_BEFORE_SECOND_MS;
  if (next <= now) next += 1000;
  timer = setTimeout(() => {
    postBucket();
    schedule();
  }, next - now);
};

try {
  setFeederPartition(init.threadIndex, init.threadCount);
  const scenario = await loadScenario(init.scenarioFile);
  schedule();
  post({ type: 'ready' });
  const startAtMs = localFromEpochMs(await started);
  const result = await new SingleThreadEngine({ firstVuId: init.firstVuId, startAtMs }).run(
    {
      baseUrl: init.baseUrl,
      profile: init.profile,
      executors: init.executors,
      flow: scenario.flow,
      flows: scenario.flows,
      source: { scenarioFile: init.scenarioFile, scenario },
      env: init.env,
      gracefulStopMs: init.gracefulStopMs,
      ...(init.httpTimeoutMs !== undefined ? { httpTimeoutMs: init.httpTimeoutMs } : {}),
      ...(init.maxRedirects !== undefined ? { maxRedirects: init.maxRedirects } : {}),
      ...(init.noCookiesReset === true ? { noCookiesReset: true } : {}),
      ...(init.insecureSkipTlsVerify !== undefined
        ? { insecureSkipTlsVerify: init.insecureSkipTlsVerify }
        : {}),
    },
    aggregator,
    interrupt.signal,
    {
      onFlowError: (message, location) =>
        post({ type: 'flowError', message, ...(location !== undefined ? { location } : {}) }),
      onScheduleLag,
    },
  );
  clearTimeout(timer);
  postBucket();
  post({ type: 'done', result });
} catch (e) {
  clearTimeout(timer);
  const message = e instanceof Error ? e.message : String(e);
  post(
    LoadrigError.is(e)
      ? { type: 'error', message, code: e.code, ...(e.hint !== undefined ? { hint: e.hint } : {}) }
      : { type: 'error', message },
  );
}
