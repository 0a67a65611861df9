import { RunDirError } from '../../../core/errors.js';
import { steadySeconds } from '../../../core/run-dir/phases.js';
import type { ClientBucket, RunData } from '../../../core/run-dir/run-data.js';
import { mergeMetric, trendPercentile, type MergedMetric } from '../../../core/series/merge.js';
import { littlesLaw, type LittlesLaw } from './littles-law.js';
import { serverUsage, type ServerUsage } from './server-usage.js';
import { meetsSlo, sloStatistic, type Slo } from './slo.js';
import { findSettling, type Settling, type SteadinessRule } from './steadiness.js';
import { stepWindows, type StepWindow } from './step-windows.js';

/** One step of load, measured over its steady seconds. Latencies in ms, rates per second. */
export interface StepMeasurement {
  /** The run directory's id. */
  run: string;
  model: 'closed' | 'open';
  kind: StepWindow['kind'];
  /** VUs (closed) or iterations per second (open) the step offered. */
  level: number;
  /** The USL's N: VUs (closed), or requests in flight X·R by Little's law (open). */
  concurrency: number;
  /** Unix seconds: the first measured second and the one after the last. */
  fromT: number;
  toT: number;
  holdSeconds: number;
  settleSeconds: number;
  measuredSeconds: number;
  steady: boolean;
  /** Coefficient of variation of throughput in the window that settled it (or the last one). */
  cv: number;
  /** Open model: the arrival rate offered (iterations/s); closed model: null (VUs set the load). */
  offeredPerSec: number | null;
  throughputPerSec: number;
  iterationsPerSec: number;
  requests: number;
  failed: number;
  errorRate: number;
  droppedIterations: number;
  latency: { avg: number; p50: number; p95: number; p99: number; max: number; count: number };
  /** The SLO's statistic over the measured seconds, and whether the step met the SLO. */
  sloValue: number;
  meetsSlo: boolean;
  server: ServerUsage & { cpuMsPerRequest: number | null };
  littlesLaw: LittlesLaw | null;
  /** The engine's own verdict on the run this step belongs to (null: not known). */
  generatorReliable: boolean | null;
}

export interface StepOptions {
  slo: Slo;
  steadiness: SteadinessRule;
}

/** Every step of a run (holds, or ramp slices), in load order. */
export function stepsOfRun(run: RunData, opts: StepOptions): StepMeasurement[] {
  const model = run.meta.scenario.loadModel;
  if (model !== 'closed' && model !== 'open') {
    throw new RunDirError(
      run.meta.id,
      `run ${run.meta.id} has load model "${model}"; capacity needs a closed (VUs) or open (arrival rate) run`,
      'analyse a stress (closed) or breakpoint (open) run, or a run of one executor',
    );
  }
  const byT = new Map(run.client.map((b) => [b.t, b]));
  const counted = run.client.some((b) => b.metrics['http_reqs']) ? 'http_reqs' : 'iterations';
  return stepWindows(run.meta).flatMap((w) => {
    const step = measureStep(run, w, model, byT, counted, opts);
    return step ? [step] : [];
  });
}

function measureStep(
  run: RunData,
  w: StepWindow,
  model: 'closed' | 'open',
  byT: ReadonlyMap<number, ClientBucket>,
  counted: string,
  opts: StepOptions,
): StepMeasurement | undefined {
  const seconds = [...steadySeconds([{ kind: 'hold', startMs: w.startMs, endMs: w.endMs }])].sort(
    (a, b) => a - b,
  );
  if (seconds.length < 2) return undefined;
  const perSecond = seconds.map((t) => counterValue(mergeMetric(bucketsAt(byT, [t]), counted)));
  // A ramp slice is never steady by design: measured whole, and flagged.
  const settling: Settling =
    w.kind === 'hold'
      ? findSettling(perSecond, opts.steadiness)
      : { settleSeconds: 0, steady: false, cv: NaN };
  const measured = seconds.slice(settling.settleSeconds);
  const buckets = bucketsAt(byT, measured);
  const n = measured.length;
  const requests = counterValue(mergeMetric(buckets, counted));
  const iterations = counterValue(mergeMetric(buckets, 'iterations'));
  const failedRate = mergeMetric(buckets, 'http_req_failed');
  const failed = failedRate?.kind === 'rate' ? failedRate.passes : 0;
  const total = failedRate?.kind === 'rate' ? failedRate.total : requests;
  const trend = mergeMetric(buckets, opts.slo.selector.metric, opts.slo.selector.tags);
  const latency = latencyOf(trend);
  const sloValue = trend?.kind === 'trend' ? sloStatistic(opts.slo, trend) : NaN;
  const errorRate = total > 0 ? failed / total : 0;
  const throughputPerSec = requests / n;
  const iterationsPerSec = iterations / n;
  const iterationMs = meanOf(mergeMetric(buckets, 'iteration_duration'));
  const usage = serverUsage(run.meta, run.server, new Set(measured));
  const concurrency =
    model === 'closed' ? w.level : throughputPerSec * ((meanOf(trend) ?? 0) / 1000);
  return {
    run: run.meta.id,
    model,
    kind: w.kind,
    level: w.level,
    concurrency,
    fromT: measured[0] as number,
    toT: (measured.at(-1) as number) + 1,
    holdSeconds: seconds.length,
    settleSeconds: settling.settleSeconds,
    measuredSeconds: n,
    steady: settling.steady,
    cv: settling.cv,
    offeredPerSec: model === 'open' ? w.level : null,
    throughputPerSec,
    iterationsPerSec,
    requests,
    failed,
    errorRate,
    droppedIterations: counterValue(mergeMetric(buckets, 'dropped_iterations')),
    latency,
    sloValue,
    meetsSlo: meetsSlo(opts.slo, sloValue, errorRate),
    server: {
      ...usage,
      cpuMsPerRequest:
        usage.cpuPercent !== null && throughputPerSec > 0
          ? (usage.cpuPercent * 10) / throughputPerSec
          : null,
    },
    littlesLaw:
      model === 'closed' && iterationMs !== undefined
        ? littlesLaw(w.level, iterationsPerSec, iterationMs)
        : null,
    generatorReliable: run.meta.engineResult?.generator?.reliable ?? null,
  };
}

function bucketsAt(
  byT: ReadonlyMap<number, ClientBucket>,
  seconds: readonly number[],
): ClientBucket[] {
  const out: ClientBucket[] = [];
  for (const t of seconds) {
    const b = byT.get(t);
    if (b) out.push(b);
  }
  return out;
}

function counterValue(m: MergedMetric | undefined): number {
  return m?.kind === 'counter' ? m.value : 0;
}

function meanOf(m: MergedMetric | undefined): number | undefined {
  return m?.kind === 'trend' && m.count > 0 ? m.sum / m.count : undefined;
}

function latencyOf(m: MergedMetric | undefined): StepMeasurement['latency'] {
  if (m?.kind !== 'trend' || m.count === 0) {
    return { avg: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN, count: 0 };
  }
  return {
    avg: m.sum / m.count,
    p50: trendPercentile(m, 50),
    p95: trendPercentile(m, 95),
    p99: trendPercentile(m, 99),
    max: m.max,
    count: m.count,
  };
}
