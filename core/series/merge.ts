import { percentile } from '../hdr/histogram.js';
import type { ClientBucket, MetricSeries, Tags } from '../run-dir/run-data.js';
import { foldInto } from './fold.js';
import { emptyMerged, type MergedMetric, type MergedTrend } from './merged-metric.js';

export {
  emptyMerged,
  type MergedCounter,
  type MergedGauge,
  type MergedMetric,
  type MergedRate,
  type MergedTrend,
} from './merged-metric.js';

/** True when every selector tag equals the series tag (an empty selector matches everything). */
export function matchesTags(seriesTags: Tags, selector: Tags): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (seriesTags[key] !== value) return false;
  }
  return true;
}

/**
 * Folds one bucket's series into `acc` (created when undefined) and returns it. Histograms
 * are added bucket by bucket (exact: same HDR layout) rather than collected, so a soak run
 * never holds every encoded histogram at once. A metric with series of two kinds throws
 * MetricKindError.
 */
export function addSeries(
  acc: MergedMetric | undefined,
  series: MetricSeries,
  t: number,
  metric: string,
): MergedMetric {
  const into = acc ?? emptyMerged(series.kind);
  foldInto(into, series, t, metric);
  return into;
}

/** Folds `b` into `a` (mutating `a`) and returns `a`. */
export function combine(a: MergedMetric, b: MergedMetric, metric: string): MergedMetric {
  foldInto(a, b, b.kind === 'gauge' ? b.lastT : 0, metric);
  return a;
}

/** Every series of `metric` whose tags match `selector`, over all buckets; undefined when none. */
export function mergeMetric(
  buckets: readonly ClientBucket[],
  metric: string,
  selector: Tags = {},
): MergedMetric | undefined {
  let acc: MergedMetric | undefined;
  for (const bucket of buckets) {
    for (const series of bucket.metrics[metric] ?? []) {
      if (matchesTags(series.tags, selector)) acc = addSeries(acc, series, bucket.t, metric);
    }
  }
  return acc;
}

/** Like mergeMetric, split by a key derived from each series' tags. */
export function mergeMetricBy(
  buckets: readonly ClientBucket[],
  metric: string,
  keyOf: (tags: Tags) => string,
): Map<string, MergedMetric> {
  const groups = new Map<string, MergedMetric>();
  for (const bucket of buckets) {
    for (const series of bucket.metrics[metric] ?? []) {
      const key = keyOf(series.tags);
      groups.set(key, addSeries(groups.get(key), series, bucket.t, metric));
    }
  }
  return groups;
}

/** Every metric name that appears in any bucket, sorted. */
export function metricNames(buckets: readonly ClientBucket[]): string[] {
  const names = new Set<string>();
  for (const bucket of buckets) for (const name of Object.keys(bucket.metrics)) names.add(name);
  return [...names].sort();
}

/**
 * Percentile `p` (0..100) of a merged trend, clamped to the exact min and max: HDR returns
 * the highest value equivalent to the bucket, which may sit just above the true maximum.
 */
export function trendPercentile(trend: MergedTrend, p: number): number {
  if (trend.count === 0) return 0;
  return Math.min(Math.max(percentile(trend.histogram, p), trend.min), trend.max);
}
