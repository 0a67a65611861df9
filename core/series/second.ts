import { encodeHistogram } from '../hdr/histogram.js';
import type { ClientBucket, MetricSeries, Tags, TrendPercentiles } from '../run-dir/run-data.js';
import { addSeries } from './merge.js';
import type { MergedMetric } from './merged-metric.js';

/** One series (metric + tag set) of a second, decoded: histograms are live, not base64. */
export interface SecondSeries {
  tags: Tags;
  merged: MergedMetric;
}

/**
 * One second as the aggregator closed it, before anything is encoded: what live thresholds
 * and progress read. The run store encodes it once, as a ClientBucket (one line of
 * client.ndjson); `percentiles` are the ones that line carries. Its series may be the
 * aggregator's own state, reused for the next second: whoever keeps anything copies it.
 */
export interface Second {
  t: number;
  vus: number;
  metrics: Record<string, SecondSeries[]>;
  percentiles?: Record<string, TrendPercentiles>;
}

/** The stored form of a decoded series, with `tags` as they should be written. */
export function encodeSeries(merged: MergedMetric, tags: Tags): MetricSeries {
  switch (merged.kind) {
    case 'trend': {
      const { count, sum, min, max, histogram } = merged;
      return { kind: 'trend', tags, count, sum, min, max, hist: encodeHistogram(histogram) };
    }
    case 'counter':
      return { kind: 'counter', tags, value: merged.value };
    case 'rate':
      return { kind: 'rate', tags, passes: merged.passes, total: merged.total };
    case 'gauge':
      return { kind: 'gauge', tags, value: merged.value, min: merged.min, max: merged.max };
  }
}

/** A second as a ClientBucket: every histogram encoded once, tags mapped by `tagsOf`. */
export function encodeSecond(
  second: Second,
  tagsOf: (tags: Tags) => Tags = (tags) => tags,
): ClientBucket {
  const metrics: Record<string, MetricSeries[]> = {};
  for (const [name, list] of Object.entries(second.metrics)) {
    metrics[name] = list.map((s) => encodeSeries(s.merged, tagsOf(s.tags)));
  }
  const { t, vus, percentiles } = second;
  return { t, vus, metrics, ...(percentiles ? { percentiles } : {}) };
}

/** A stored bucket decoded into a Second (for replaying recorded runs through live code). */
export function decodeBucket(bucket: ClientBucket): Second {
  const metrics: Record<string, SecondSeries[]> = {};
  for (const [name, list] of Object.entries(bucket.metrics)) {
    metrics[name] = list.map((s) => ({
      tags: s.tags,
      merged: addSeries(undefined, s, bucket.t, name),
    }));
  }
  const { t, vus, percentiles } = bucket;
  return { t, vus, metrics, ...(percentiles ? { percentiles } : {}) };
}
