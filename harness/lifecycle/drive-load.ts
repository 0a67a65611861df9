import { formatDuration } from '../../core/duration.js';
import type { Profile } from '../../scenarios/profile.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { profileDurationMs } from '../../scenarios/schedule.js';
import { Aggregator } from '../aggregator/aggregator.js';
import { nullSink } from '../aggregator/metric-sink.js';
import type { Engine, EngineResult } from '../engines/engine.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import type { RunningTarget, TargetExit } from '../providers/provider.js';
import type { RunStore } from '../store/run-store.js';
import type { ClientBucket, ServerSample } from '../../core/run-dir/run-data.js';
import { LiveThresholds, type Breach } from '../../reports/analysis/thresholds/live-thresholds.js';
import { stopsOnThresholdFail } from '../../core/run-dir/profile-executors.js';
import { decodeBucket } from '../../core/series/second.js';
import { BucketQueue } from './bucket-queue.js';
import { GeneratorMonitor } from './generator-monitor.js';
import { recordSecond } from './record-second.js';
import { SecondTicker } from './second-ticker.js';
import { checkWarmup } from './warmup-check.js';
import { RunWriteError } from '../../core/errors.js';
import type { ServerSampler } from './server-sampler.js';

export interface LoadContext {
  engine: Engine;
  scenario: Scenario;
  /** Where the scenario came from: engines that run out of process (k6) need the file. */
  scenarioFile?: string;
  /** Engine processes, each an equal execution segment (`--segments`). */
  segments?: number;
  profile: Profile;
  target: RunningTarget;
  sampler: ServerSampler;
  store: RunStore;
  interrupt: AbortSignal;
  progress: ProgressListener;
  /** Called when the measured load starts (unix ms), before the first request. */
  onLoadStart?: (startMs: number) => void;
  /**
   * Called each second once the run directory has the second's bucket (and server sample):
   * the `--out` outputs. It must return at once; it never holds the second up.
   */
  onSecond?: (bucket: ClientBucket, sample?: ServerSample) => void;
}

/** When each part of the load happened, in unix ms: run.json's phases are cut from these. */
export interface LoadTiming {
  warmup?: { startMs: number; endMs: number };
  loadStartMs: number;
  /** The planned end of the profile, or when the run was stopped, whichever came first. */
  loadEndMs: number;
  /** When the engine returned, after in-flight iterations finished or were cut. */
  engineEndMs: number;
}

export interface LoadOutcome {
  result: EngineResult;
  timing: LoadTiming;
  /** Set when the target died under load. */
  targetExit?: TargetExit;
}

/** Warm-up (unrecorded), then the measured load with one client bucket and one server sample per second. */
export async function driveLoad(ctx: LoadContext): Promise<LoadOutcome> {
  const { engine, scenario, target, progress } = ctx;
  const stop = new AbortController();
  let stoppedAtMs = Infinity;
  stop.signal.addEventListener('abort', () => (stoppedAtMs = Date.now()), { once: true });
  const onInterrupt = (): void => stop.abort();
  ctx.interrupt.addEventListener('abort', onInterrupt, { once: true });
  // The run directory could not be written (disk full, read-only): stop the load, then say so.
  let writeFailure: RunWriteError | undefined;
  const onWriteFailure = (e: unknown): void => {
    if (!(e instanceof RunWriteError)) throw e;
    if (writeFailure) return;
    writeFailure = e.stoppingLoad();
    progress.warn?.(`stopping the load: ${e.path} cannot be written (${e.reason})`);
    stop.abort();
  };
  const loadStarted = (unixMs: number): void => {
    try {
      ctx.onLoadStart?.(unixMs);
    } catch (e) {
      onWriteFailure(e);
    }
  };
  let targetExit: TargetExit | undefined;
  void target.exited.then((exit) => {
    targetExit = exit;
    stop.abort();
  });
  const plan = {
    baseUrl: target.baseUrl,
    flow: scenario.flow,
    env: { ...process.env, ...scenario.env, BASE_URL: target.baseUrl },
    gracefulStopMs: scenario.gracefulStopMs,
    flows: scenario.flows,
    httpTimeoutMs: scenario.httpTimeoutMs,
    maxRedirects: scenario.maxRedirects,
    insecureSkipTlsVerify: scenario.insecureSkipTLSVerify,
    noCookiesReset: scenario.noCookiesReset,
    ...(scenario.workers !== undefined ? { workers: scenario.workers } : {}),
    ...(ctx.segments !== undefined ? { segments: ctx.segments } : {}),
    ...(ctx.scenarioFile !== undefined
      ? { source: { scenarioFile: ctx.scenarioFile, scenario } }
      : {}),
  };
  let warmup: LoadTiming['warmup'];
  try {
    if (scenario.warmupMs > 0) {
      const warmupStartMs = Date.now();
      progress.phase?.('warmup', formatDuration(scenario.warmupMs));
      const oneVu: Profile = {
        kind: 'soak',
        startVus: 1,
        stages: [{ durationMs: scenario.warmupMs, vus: 1 }],
      };
      const warmed = await engine.run({ ...plan, profile: oneVu }, nullSink, stop.signal);
      warmup = { startMs: warmupStartMs, endMs: Date.now() };
      if (!stop.signal.aborted) checkWarmup(warmed);
    }
    const aggregator = new Aggregator();
    // k6 stamps its own samples: its seconds are written by their time, not by the clock's.
    const timed = engine.timestampedBuckets === true ? new BucketQueue() : undefined;
    // Moved to when the engine really starts the load (worker threads take a while to be ready).
    let startedMs = Date.now();
    const monitor =
      engine.inProcess === true
        ? new GeneratorMonitor(engine.threads?.({ ...plan, profile: ctx.profile }) ?? 1)
        : undefined;
    const live = new LiveThresholds(scenario.thresholds, {
      all: stopsOnThresholdFail(ctx.profile),
    });
    if (stopsOnThresholdFail(ctx.profile) && !live.active) {
      progress.warn?.(
        `a ${ctx.profile.kind} profile stops when a threshold breaks, and this scenario has none: it will run to its maximum; add thresholds such as http_req_failed: ['rate<0.01']`,
      );
    }
    let written: ClientBucket[] = [];
    const readers = {
      live,
      store: ctx.store,
      progress,
      written: (bucket: ClientBucket) => written.push(bucket),
    };
    const elapsedMs = (): number => Math.max(0, Date.now() - startedMs);
    const onBreaches = (breaches: Breach[]): void => {
      if (breaches.length > 0 && !stop.signal.aborted) {
        progress.warn?.(`ending the run early: ${describeBreaches(breaches)}`);
        stop.abort();
      }
    };
    // An engine whose samples carry their own time (k6) hands over whole, encoded seconds.
    const writeTimed = (bucket: ClientBucket): void => {
      const second = decodeBucket(bucket);
      onBreaches(live.pushSecond(second, elapsedMs()));
      const line = ctx.store.appendClient(bucket);
      if (line) written.push(line);
      progress.bucket?.(second, elapsedMs());
    };
    const ticker = new SecondTicker(async (t) => {
      if (writeFailure) return;
      try {
        monitor?.second(aggregator, t);
        if (timed) for (const bucket of timed.take()) writeTimed(bucket);
        else onBreaches(recordSecond(aggregator, t, elapsedMs, readers));
        const sample = await ctx.sampler.sample(t);
        ctx.store.appendServer(sample);
        const lines = written;
        written = [];
        for (const line of lines) ctx.onSecond?.(line, line.t === t ? sample : undefined);
      } catch (e) {
        onWriteFailure(e);
      }
    });
    progress.phase?.('load');
    progress.start?.({
      runDir: ctx.store.dir,
      baseUrl: target.baseUrl,
      totalMs: profileDurationMs(ctx.profile),
      profileKind: ctx.profile.kind,
    });
    monitor?.start();
    loadStarted(startedMs);
    ticker.start();
    const engineResult = await engine.run(
      { ...plan, profile: ctx.profile },
      timed ?? aggregator,
      stop.signal,
      {
        ...(monitor
          ? { onScheduleLag: monitor.onScheduleLag, onWorkerLag: monitor.onWorkerLag }
          : {}),
        onStart: (unixMs) => {
          startedMs = unixMs;
          loadStarted(unixMs);
        },
        onFlowError: (message, location) =>
          progress.warn?.(
            `the flow threw: ${message}${location ? ` (at ${location})` : ''}; counted in flow_errors, later repeats are not printed`,
          ),
      },
    );
    const engineEndMs = Date.now();
    await ticker.stop();
    const generator = monitor?.stop();
    if (writeFailure) throw writeFailure;
    if (generator && !generator.reliable) {
      progress.warn?.(`results may be unreliable: ${generator.reasons.join('; ')}`);
    }
    const result: EngineResult = generator ? { ...engineResult, generator } : engineResult;
    progress.phase?.('drain');
    const drained: (ClientBucket | undefined)[] = [];
    if (timed) {
      for (const bucket of timed.take()) drained.push(ctx.store.appendClient(bucket));
    } else {
      const last = aggregator.close(Math.floor(Date.now() / 1000));
      if (Object.keys(last.metrics).length > 0) {
        drained.push(ctx.store.appendSecond(last));
        // The ticker has stopped: the load's last (partial) second gets its server sample
        // here, so server series reach the last second the client recorded.
        ctx.store.appendServer(await ctx.sampler.sample(last.t));
      }
    }
    for (const line of drained) if (line) ctx.onSecond?.(line);
    const timing: LoadTiming = {
      ...(warmup ? { warmup } : {}),
      loadStartMs: startedMs,
      loadEndMs: Math.min(startedMs + profileDurationMs(ctx.profile), stoppedAtMs, engineEndMs),
      engineEndMs,
    };
    return { result, timing, ...(targetExit ? { targetExit } : {}) };
  } finally {
    ctx.interrupt.removeEventListener('abort', onInterrupt);
  }
}

function describeBreaches(breaches: Breach[]): string {
  return breaches
    .map(
      (b) =>
        `${b.selector} ${b.expression} failed (${Number(b.actual.toFixed(3))}${b.windowSec ? ` over the last ${b.windowSec} s` : ''})`,
    )
    .join('; ');
}
