import { ScenarioValidationError } from '../../../core/errors.js';
import { setMetricRecorder } from '../../../scenarios/metrics.js';
import { profileExecutors } from '../../../core/run-dir/profile-executors.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import type { Engine, EngineEvents, EnginePlan, EngineResult } from '../engine.js';
import { abortableSleep } from './abortable-sleep.js';
import { runExecutor } from './executors/run-executor.js';
import { IterationRunner } from './iteration-runner.js';
import { TargetResolver } from './request-target.js';

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_REDIRECTS = 10;

export interface SingleThreadOptions {
  /** First VU id of this thread (workers number their VUs apart). */
  firstVuId?: number;
  /**
   * The load's start on this thread's performance.now() clock, shared by every worker thread
   * (BuiltinEngine fixes it once all are ready); now when absent.
   */
  startAtMs?: number;
}

/**
 * Runs the plan's executors in this thread, each named scenario from its `startTime` after the
 * load's start. (BuiltinEngine spreads the same across threads.)
 */
export class SingleThreadEngine implements Engine {
  readonly inProcess = true;
  constructor(private readonly opts: SingleThreadOptions = {}) {}

  async run(
    plan: EnginePlan,
    sink: MetricSink,
    interrupt: AbortSignal,
    events: EngineEvents = {},
  ): Promise<EngineResult> {
    const executors = plan.executors ?? profileExecutors(plan.profile, plan.gracefulStopMs);
    const runner = new IterationRunner(
      new TargetResolver(new URL(plan.baseUrl)),
      {
        timeoutMs: plan.httpTimeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxRedirects: plan.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        insecureSkipTlsVerify: plan.insecureSkipTlsVerify ?? false,
        noCookiesReset: plan.noCookiesReset === true,
      },
      plan.env,
      sink,
      events,
      this.opts.firstVuId,
      plan.source?.scenarioFile,
    );
    // Ctrl-C: cut every VU at once rather than waiting out graceful stops.
    // Custom metrics (Trend, Counter, Rate, Gauge) declared in the scenario file land here. A
    // name recorded with a second kind throws MetricKindError into the flow: a flow error.
    setMetricRecorder((metric, kind, value, tags) =>
      runner.rootCtx.series(metric, kind, tags).add(value),
    );
    const onInterrupt = (): void => void runner.stopAll();
    interrupt.addEventListener('abort', onInterrupt, { once: true });
    const named = Object.entries(executors);
    const tagScenario = plan.profile.kind === 'scenarios';
    const zeroMs = this.opts.startAtMs ?? performance.now();
    if (this.opts.startAtMs === undefined) events.onStart?.(Date.now());
    try {
      await Promise.all(
        named.map(async ([name, e]) => {
          const flow = e.exec === undefined ? plan.flow : plan.flows?.[e.exec];
          if (flow === undefined) {
            throw new ScenarioValidationError([
              {
                path: `scenarios.${name}.exec`,
                message: `"${e.exec}" is not among the flows (${Object.keys(plan.flows ?? {}).join(', ') || 'none'}); name one of them, or add it to flows`,
              },
            ]);
          }
          const tags = { ...(tagScenario ? { scenario: name } : {}), ...e.tags };
          const startMs = zeroMs + (e.startTime ?? 0);
          await abortableSleep(startMs - performance.now(), interrupt);
          if (interrupt.aborted) return;
          await runExecutor(e, {
            name,
            startMs,
            runner,
            ctx: Object.keys(tags).length > 0 ? runner.rootCtx.with(tags) : runner.rootCtx,
            flow,
            env: e.env ? { ...plan.env, ...e.env } : plan.env,
            interrupt,
            ...(events.onScheduleLag ? { onScheduleLag: events.onScheduleLag } : {}),
          });
        }),
      );
    } finally {
      interrupt.removeEventListener('abort', onInterrupt);
      await runner.stopAll();
      setMetricRecorder(undefined);
      sink.vus(0);
    }
    return runner.result();
  }
}
