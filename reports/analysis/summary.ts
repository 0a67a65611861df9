import type { RunData } from '../../core/run-dir/run-data.js';
import { combinedDurations, endpointRows, groupEndpoints, type EndpointRow } from './endpoints.js';
import { latencyDistribution, type LatencyDistribution } from './latency-distribution.js';
import { SeriesIndex } from '../../core/series/series-index.js';
import { metricStats, type MetricStats } from './metric-stats.js';
import { quantileRanks } from './stats/quantile-bounds.js';
import { trendPercentile, type MergedMetric } from '../../core/series/merge.js';
import { measuredPhases, runWindow } from './run-window.js';

export interface VuStats {
  min: number;
  max: number;
  /** The most VUs busy at once in the last second. */
  last: number;
}

export interface Summary {
  /** First and last client bucket (unix seconds); null for a run without client data. */
  startT: number | null;
  endT: number | null;
  /** Measured duration (see RunWindow): the load phases' span. Counter rates divide by this. */
  durationSec: number;
  vus: VuStats;
  /** Every metric the run recorded, by name, aggregated according to its kind. */
  metrics: Record<string, MetricStats>;
  /** http_req_duration split by request name and method, sorted by name then method. */
  endpoints: EndpointRow[];
  /** http_req_duration's HDR percentile curve, overall and for the busiest endpoints. */
  distribution: LatencyDistribution;
  /**
   * 95 % confidence bounds of http_req_duration's median, p95 and p99 (ms), read from the merged
   * histogram at the bounding ranks: how far each percentile could move on another sample of
   * this size. Absent without requests.
   */
  latencyBounds?: LatencyBounds;
}

export interface PercentileBounds {
  lowMs: number;
  highMs: number;
}
export type LatencyBounds = Record<'p50' | 'p95' | 'p99', PercentileBounds>;

const BOUNDED = { p50: 50, p95: 95, p99: 99 } as const;

function latencyBounds(durations: MergedMetric | undefined): LatencyBounds | undefined {
  if (durations?.kind !== 'trend' || durations.count === 0) return undefined;
  const bounds = {} as LatencyBounds;
  for (const [key, p] of Object.entries(BOUNDED) as [keyof LatencyBounds, number][]) {
    const ranks = quantileRanks(durations.count, p);
    bounds[key] = {
      lowMs: trendPercentile(durations, ranks.lowPercentile),
      highMs: trendPercentile(durations, ranks.highPercentile),
    };
  }
  return bounds;
}

/** `index`: the run's client series indexed once (analyseRun shares it with the thresholds). */
export function summarise(run: RunData, index = new SeriesIndex(run.client)): Summary {
  const buckets = run.client;
  const window = runWindow(buckets, measuredPhases(run.meta));
  const groups = groupEndpoints(buckets, index);
  const metrics: Record<string, MetricStats> = {};
  const durations = combinedDurations(groups);
  for (const name of index.metricNames()) {
    const merged = name === 'http_req_duration' ? durations : index.merge(name);
    if (merged) metrics[name] = metricStats(merged, window.durationSec);
  }
  const bounds = latencyBounds(durations);
  return {
    startT: window.startT,
    endT: window.endT,
    durationSec: window.durationSec,
    vus: vuStats(run),
    metrics,
    endpoints: endpointRows(groups, window.durationSec),
    distribution: latencyDistribution(durations, groups.durations, (key) => {
      const [name, method] = JSON.parse(key) as [string, string];
      return `${method} ${name}`.trim();
    }),
    ...(bounds ? { latencyBounds: bounds } : {}),
  };
}

function vuStats(run: RunData): VuStats {
  if (run.client.length === 0) return { min: 0, max: 0, last: 0 };
  let min = Infinity;
  let max = -Infinity;
  let last = { t: -Infinity, vus: 0 };
  for (const { t, vus } of run.client) {
    min = Math.min(min, vus);
    max = Math.max(max, vus);
    if (t >= last.t) last = { t, vus };
  }
  return { min, max, last: last.vus };
}
