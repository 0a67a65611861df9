import type { ClientBucket, Tags } from '../../core/run-dir/run-data.js';
import {
  combine,
  emptyMerged,
  trendPercentile,
  type MergedMetric,
} from '../../core/series/merge.js';
import { SeriesIndex } from '../../core/series/series-index.js';
import { perSecond } from './run-window.js';

/** One row per request `name` and `method`; latencies in ms, null when no duration was recorded. */
export interface EndpointRow {
  name: string;
  method: string;
  count: number;
  failed: number;
  /** Failed / all requests (http_req_failed), 0..1. */
  errorRate: number;
  reqPerSec: number;
  avgMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Series without a name or method still get a row rather than vanishing. */
const UNNAMED = '(unnamed)';

export function endpointKey(tags: Tags): string {
  return JSON.stringify([tags['name'] ?? UNNAMED, tags['method'] ?? '']);
}

export interface EndpointGroups {
  durations: Map<string, MergedMetric>;
  failed: Map<string, MergedMetric>;
  reqs: Map<string, MergedMetric>;
}

export function groupEndpoints(
  buckets: readonly ClientBucket[],
  index = new SeriesIndex(buckets),
): EndpointGroups {
  return {
    durations: index.mergeBy('http_req_duration', endpointKey),
    failed: index.mergeBy('http_req_failed', endpointKey),
    reqs: index.mergeBy('http_reqs', endpointKey),
  };
}

/** The whole http_req_duration metric, rebuilt from its groups so no histogram is decoded twice. */
export function combinedDurations(groups: EndpointGroups): MergedMetric | undefined {
  let total: MergedMetric | undefined;
  for (const group of groups.durations.values()) {
    // combine() mutates its first argument: start from an empty copy so the groups stay intact.
    total = combine(total ?? emptyMerged(group.kind), group, 'http_req_duration');
  }
  return total;
}

export function endpointRows(groups: EndpointGroups, durationSec: number): EndpointRow[] {
  const keys = new Set([
    ...groups.durations.keys(),
    ...groups.failed.keys(),
    ...groups.reqs.keys(),
  ]);
  const rows: EndpointRow[] = [];
  for (const key of [...keys].sort()) {
    const [name, method] = JSON.parse(key) as [string, string];
    const trend = groups.durations.get(key);
    const failed = groups.failed.get(key);
    const reqs = groups.reqs.get(key);
    const failedCount = failed?.kind === 'rate' ? failed.passes : 0;
    const failedTotal = failed?.kind === 'rate' ? failed.total : 0;
    const trendCount = trend?.kind === 'trend' ? trend.count : 0;
    const count = reqs?.kind === 'counter' ? reqs.value : Math.max(trendCount, failedTotal);
    const t = trend?.kind === 'trend' && trend.count > 0 ? trend : undefined;
    rows.push({
      name,
      method,
      count,
      failed: failedCount,
      errorRate: failedTotal > 0 ? failedCount / failedTotal : 0,
      reqPerSec: perSecond(count, durationSec),
      avgMs: t ? t.sum / t.count : null,
      p50Ms: t ? trendPercentile(t, 50) : null,
      p95Ms: t ? trendPercentile(t, 95) : null,
      p99Ms: t ? trendPercentile(t, 99) : null,
      maxMs: t ? t.max : null,
    });
  }
  return rows;
}
