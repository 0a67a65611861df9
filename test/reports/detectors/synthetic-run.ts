import type { DetectorInput } from '../../../reports/analysis/detectors/detector.js';
import { summarise } from '../../../reports/analysis/summary.js';
import { buildTimeline } from '../../../reports/analysis/timeline.js';
import type { RunData, ServerSample, ServerSeriesInfo } from '../../../core/run-dir/run-data.js';
import { httpBucket, meta, trendSeries } from '../fixtures/run-data-builder.js';

/** Deterministic noise: the same run every time (detectors are tested on fixed data). */
export function seeded(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface SyntheticSpec {
  seconds: number;
  vus?: (i: number) => number;
  /** The durations recorded in second i (ms). */
  latencies?: (i: number) => number[];
  failed?: (i: number) => number;
  dropped?: (i: number) => number;
  server?: Record<string, (i: number) => number | null>;
  profileKind?: string;
  cpus?: number;
  t0?: number;
  /** The scenario's thresholds, as written (`{ http_req_duration: ['p(99)<300'] }`). */
  thresholds?: Record<string, string[]>;
  /** Completed iterations in second i (default: one per request). */
  iterations?: (i: number) => number;
  /** vus_max (allocated VUs) in second i. */
  vusMax?: (i: number) => number;
  /** The run's scenario executors (open-model pools: `maxVUs`). */
  executors?: RunData['meta']['scenario']['executors'];
  engineResult?: RunData['meta']['engineResult'];
}

const UNIT: Record<string, ServerSeriesInfo['unit']> = {
  bytes: 'bytes',
  percent: 'percent',
  ms: 'ms',
};

/** A run of `seconds` one-second buckets built from per-second functions, then analysed. */
export function syntheticRun(spec: SyntheticSpec): DetectorInput {
  const t0 = spec.t0 ?? 1_700_000_000;
  const latencies = spec.latencies ?? (() => Array.from({ length: 100 }, () => 20));
  const client = Array.from({ length: spec.seconds }, (_, i) => {
    const durations = latencies(i);
    const bucket = httpBucket(
      t0 + i,
      [{ name: '/api', durationsMs: durations, failed: spec.failed?.(i) ?? 0 }],
      spec.vus?.(i) ?? 10,
    );
    bucket.metrics['iteration_duration'] = [trendSeries(durations)];
    if (spec.iterations)
      bucket.metrics['iterations'] = [{ kind: 'counter', tags: {}, value: spec.iterations(i) }];
    if (spec.vusMax) {
      const v = spec.vusMax(i);
      bucket.metrics['vus_max'] = [{ kind: 'gauge', tags: {}, value: v, min: v, max: v }];
    }
    const dropped = spec.dropped?.(i) ?? 0;
    if (dropped > 0)
      bucket.metrics['dropped_iterations'] = [{ kind: 'counter', tags: {}, value: dropped }];
    return bucket;
  });
  const ids = Object.keys(spec.server ?? {});
  const server: ServerSample[] = Array.from({ length: spec.seconds }, (_, i) => {
    const values: Record<string, number> = {};
    for (const id of ids) {
      const v = spec.server?.[id]?.(i);
      if (v !== null && v !== undefined) values[id] = v;
    }
    return { t: t0 + i, values };
  });
  const base = meta();
  const run: RunData = {
    meta: {
      ...base,
      host: { ...base.host, cpus: spec.cpus ?? 2 },
      scenario: {
        ...base.scenario,
        profile: { kind: spec.profileKind ?? 'ramp' } as RunData['meta']['scenario']['profile'],
        loadModel: /rate|arrival|breakpoint/i.test(spec.profileKind ?? '') ? 'open' : 'closed',
        thresholds: spec.thresholds ?? {},
        ...(spec.executors ? { executors: spec.executors } : {}),
      },
      ...(spec.engineResult ? { engineResult: spec.engineResult } : {}),
      serverSeries: ids.map((id) => ({
        id,
        label: id,
        unit: UNIT[id.split('_').pop() ?? ''] ?? 'count',
        source: 'test',
      })),
    },
    client,
    server,
  };
  return { run, summary: summarise(run), timeline: buildTimeline(run) };
}

/** `n` latencies: mostly `base` ms with a share of `tail` ms (deterministic layout). */
export function withTail(n: number, base: number, tail: number, tailShare: number): number[] {
  const tailCount = Math.round(n * tailShare);
  return Array.from({ length: n }, (_, i) => (i < tailCount ? tail : base));
}
