import type {
  ClientBucket,
  RunData,
  ServerSeriesInfo,
  TrendPercentiles,
} from '../../core/run-dir/run-data.js';
import { LoadrigError } from '../../core/errors.js';
import { addSeries, trendPercentile, type MergedMetric } from '../../core/series/merge.js';

export interface ServerTimeline extends ServerSeriesInfo {
  values: (number | null)[];
}

/**
 * Per-second arrays on one grid: every second from the first to the last sample (client or
 * server). A second with no bucket is null everywhere, so charts show the gap instead of
 * drawing a line across it. A bucket with no requests has reqPerSec 0 (a real, measured
 * stall) but null latencies (there is nothing to take a percentile of).
 */
export interface Timeline {
  /** Unix seconds. */
  t: number[];
  /** The most VUs in an iteration at once in that second. */
  vus: (number | null)[];
  /**
   * The most VUs allocated at once (vus_max: an open model's pool); null where not recorded.
   * Always set by buildTimeline.
   */
  vusMax?: (number | null)[];
  reqPerSec: (number | null)[];
  errorsPerSec: (number | null)[];
  /** Open-model arrivals that found no free VU in that second (dropped_iterations). */
  droppedPerSec: (number | null)[];
  /** Completed iterations per second (iterations). */
  iterationsPerSec: (number | null)[];
  p50: (number | null)[];
  p90: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
  max: (number | null)[];
  server: ServerTimeline[];
}

/** A guard against a corrupt `t` (milliseconds written as seconds) allocating a giant grid. */
const MAX_SPAN_SEC = 31 * 24 * 3600;

export function buildTimeline(run: RunData): Timeline {
  const timeline: Timeline = {
    t: [],
    vus: [],
    vusMax: [],
    reqPerSec: [],
    errorsPerSec: [],
    droppedPerSec: [],
    iterationsPerSec: [],
    p50: [],
    p90: [],
    p95: [],
    p99: [],
    max: [],
    server: [],
  };
  let start = Infinity;
  let end = -Infinity;
  for (const samples of [run.client, run.server]) {
    for (const { t } of samples) {
      start = Math.min(start, Math.floor(t));
      end = Math.max(end, Math.floor(t));
    }
  }
  if (start > end) {
    return { ...timeline, server: serverSeries(run).map((s) => ({ ...s, values: [] })) };
  }
  if (end - start > MAX_SPAN_SEC) {
    throw new LoadrigError(
      'E_RUN_DATA',
      `run data spans ${end - start} s (t from ${start} to ${end}), over the ${MAX_SPAN_SEC} s limit; bucket times must be unix seconds`,
      'a client or server line carries a wrong time: restore the run files from the run artifacts',
    );
  }
  // Indexed by second on the grid: a day is 86,400 slots, cheaper than maps keyed by time.
  const buckets: (ClientBucket[] | undefined)[] = new Array(end - start + 1);
  for (const b of run.client) (buckets[Math.floor(b.t) - start] ??= []).push(b);
  const samples: (Record<string, number> | undefined)[] = new Array(end - start + 1);
  for (const s of run.server) samples[Math.floor(s.t) - start] = s.values; // the later one wins
  const server = serverSeries(run).map((info) => ({ ...info, values: [] as (number | null)[] }));
  for (let t = start; t <= end; t++) {
    timeline.t.push(t);
    pushSecond(timeline, buckets[t - start]);
    const values = samples[t - start];
    for (const s of server) s.values.push(values?.[s.id] ?? null);
  }
  return { ...timeline, server };
}

function pushSecond(timeline: Timeline, buckets: ClientBucket[] | undefined): void {
  if (!buckets) {
    for (const key of SECOND_KEYS) {
      timeline[key].push(null);
    }
    timeline.vusMax?.push(null);
    return;
  }
  let requests: number | undefined;
  let errors = 0;
  let dropped = 0;
  let iterations = 0;
  let vusMax: number | null = null;
  for (const b of buckets) {
    for (const s of b.metrics['vus_max'] ?? [])
      if (s.kind === 'gauge') vusMax = Math.max(vusMax ?? 0, s.value);
    for (const s of b.metrics['http_reqs'] ?? [])
      if (s.kind === 'counter') requests = (requests ?? 0) + s.value;
    for (const s of b.metrics['http_req_failed'] ?? []) if (s.kind === 'rate') errors += s.passes;
    for (const s of b.metrics['dropped_iterations'] ?? [])
      if (s.kind === 'counter') dropped += s.value;
    for (const s of b.metrics['iterations'] ?? []) if (s.kind === 'counter') iterations += s.value;
  }
  const latency = secondLatency(buckets);
  timeline.vus.push(
    buckets.length === 1 ? buckets[0]!.vus : Math.max(...buckets.map((b) => b.vus)),
  );
  timeline.vusMax?.push(vusMax);
  // An engine that records durations but no http_reqs counter still gets a throughput line.
  timeline.reqPerSec.push(requests ?? latency?.count ?? 0);
  timeline.errorsPerSec.push(errors);
  timeline.droppedPerSec.push(dropped);
  timeline.iterationsPerSec.push(iterations);
  timeline.p50.push(latency?.p50 ?? null);
  timeline.p90.push(latency?.p90 ?? null);
  timeline.p95.push(latency?.p95 ?? null);
  timeline.p99.push(latency?.p99 ?? null);
  timeline.max.push(latency?.max ?? null);
}

const SECOND_KEYS = [
  'vus',
  'reqPerSec',
  'errorsPerSec',
  'droppedPerSec',
  'iterationsPerSec',
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
] as const;

/**
 * The second's http_req_duration percentiles: as the aggregator stored them when there is one
 * bucket that has them (decoding a histogram per second would cost minutes on a day-long
 * soak), else merged from the histograms. Undefined when the second had no request.
 */
function secondLatency(buckets: ClientBucket[]): TrendPercentiles | undefined {
  const stored = buckets.length === 1 ? buckets[0]?.percentiles?.['http_req_duration'] : undefined;
  if (stored) return stored.count > 0 ? stored : undefined;
  let latency: MergedMetric | undefined;
  for (const b of buckets) {
    for (const s of b.metrics['http_req_duration'] ?? [])
      latency = addSeries(latency, s, b.t, 'http_req_duration');
  }
  if (latency?.kind !== 'trend' || latency.count === 0) return undefined;
  const trend = latency;
  const p = (q: number) => trendPercentile(trend, q);
  return { count: trend.count, p50: p(50), p90: p(90), p95: p(95), p99: p(99), max: trend.max };
}

/** Described series first (in meta order), then any sampled id the meta does not describe. */
function serverSeries(run: RunData): ServerSeriesInfo[] {
  const described = new Set(run.meta.serverSeries.map((s) => s.id));
  const extra = new Set<string>();
  for (const sample of run.server) {
    for (const id of Object.keys(sample.values)) if (!described.has(id)) extra.add(id);
  }
  const undescribed = [...extra]
    .sort()
    .map((id): ServerSeriesInfo => ({ id, label: id, unit: 'count', source: 'unknown' }));
  return [...run.meta.serverSeries, ...undescribed];
}
