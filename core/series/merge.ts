import { addEncoded } from '../hdr/add-encoded.js';
import { newHistogram, percentile, type Histogram } from '../hdr/histogram.js';
import type { ClientBucket, MetricKind, MetricSeries, Tags } from '../run-dir/run-data.js';

/** A metric's series folded together, in the metric's own unit. */
export interface MergedTrend {
  kind: 'trend';
  count: number;
  sum: number;
  min: number;
  max: number;
  histogram: Histogram;
}
export interface MergedCounter {
  kind: 'counter';
  value: number;
}
export interface MergedRate {
  kind: 'rate';
  passes: number;
  total: number;
}
/** `value` is the value of the latest second (by bucket `t`) that reported the gauge. */
export interface MergedGauge {
  kind: 'gauge';
  value: number;
  min: number;
  max: number;
  lastT: number;
}
export type MergedMetric = MergedTrend | MergedCounter | MergedRate | MergedGauge;

/** True when every selector tag equals the series tag (an empty selector matches everything). */
export function matchesTags(seriesTags: Tags, selector: Tags): boolean {
  for (const [key, value] of Object.entries(selector)) {
    if (seriesTags[key] !== value) return false;
  }
  return true;
}

/** A merged metric with nothing in it yet. */
export function emptyMerged(kind: MetricKind): MergedMetric {
  switch (kind) {
    case 'trend':
      return {
        kind: 'trend',
        count: 0,
        sum: 0,
        min: Infinity,
        max: -Infinity,
        histogram: newHistogram(),
      };
    case 'counter':
      return { kind: 'counter', value: 0 };
    case 'rate':
      return { kind: 'rate', passes: 0, total: 0 };
    case 'gauge':
      return { kind: 'gauge', value: 0, min: Infinity, max: -Infinity, lastT: -Infinity };
  }
}

function kindMismatch(metric: string, a: string, b: string): Error {
  return new Error(
    `metric "${metric}" has series of kind ${a} and ${b}; one metric must keep one kind (the run data is inconsistent)`,
  );
}

/**
 * Folds one bucket's series into `acc` (created when undefined) and returns it. Histograms
 * are added bucket by bucket (exact: same HDR layout) rather than collected, so a soak run
 * never holds every encoded histogram at once.
 */
export function addSeries(
  acc: MergedMetric | undefined,
  series: MetricSeries,
  t: number,
  metric: string,
): MergedMetric {
  const into = acc ?? emptyMerged(series.kind);
  if (into.kind !== series.kind) throw kindMismatch(metric, into.kind, series.kind);
  if (into.kind === 'trend' && series.kind === 'trend') {
    if (series.count === 0) return into;
    addEncoded(into.histogram, series.hist);
    into.count += series.count;
    into.sum += series.sum;
    into.min = Math.min(into.min, series.min);
    into.max = Math.max(into.max, series.max);
  } else if (into.kind === 'counter' && series.kind === 'counter') {
    into.value += series.value;
  } else if (into.kind === 'rate' && series.kind === 'rate') {
    into.passes += series.passes;
    into.total += series.total;
  } else if (into.kind === 'gauge' && series.kind === 'gauge') {
    into.min = Math.min(into.min, series.min);
    into.max = Math.max(into.max, series.max);
    if (t >= into.lastT) {
      into.value = series.value;
      into.lastT = t;
    }
  }
  return into;
}

/** Folds `b` into `a` (mutating `a`) and returns `a`. */
export function combine(a: MergedMetric, b: MergedMetric, metric: string): MergedMetric {
  if (a.kind !== b.kind) throw kindMismatch(metric, a.kind, b.kind);
  if (a.kind === 'trend' && b.kind === 'trend') {
    if (b.count === 0) return a;
    a.histogram.add(b.histogram);
    a.count += b.count;
    a.sum += b.sum;
    a.min = Math.min(a.min, b.min);
    a.max = Math.max(a.max, b.max);
  } else if (a.kind === 'counter' && b.kind === 'counter') {
    a.value += b.value;
  } else if (a.kind === 'rate' && b.kind === 'rate') {
    a.passes += b.passes;
    a.total += b.total;
  } else if (a.kind === 'gauge' && b.kind === 'gauge') {
    a.min = Math.min(a.min, b.min);
    a.max = Math.max(a.max, b.max);
    if (b.lastT >= a.lastT) {
      a.value = b.value;
      a.lastT = b.lastT;
    }
  }
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
