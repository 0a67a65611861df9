import { EncodedHistogramSum } from '../hdr/encoded-sum.js';
import { newHistogram, type Histogram } from '../hdr/histogram.js';
import type { ClientBucket, MetricSeries, Tags } from '../run-dir/run-data.js';
import { foldFigures } from './merge-figures.js';
import { matchesTags, type MergedMetric } from './merge.js';

/** Every series of one metric, in file order, with the tag set each was recorded under. */
interface MetricRows {
  series: MetricSeries[];
  t: number[];
  tagSet: number[];
  /** Distinct tag sets, in order of first appearance. */
  tagSets: Tags[];
  /** Per tag set, its trend histograms summed: built on first use, for every tag set at once. */
  histograms?: Histogram[];
}

/**
 * A run's client series indexed once, by metric and tag set, so every merge of the analysis
 * (per metric, per endpoint, per threshold selector) reads one index instead of walking all
 * buckets again, and each histogram is decoded once however many merges include it.
 *
 * A merge gives exactly what mergeMetric / mergeMetricBy give on the buckets: the figures
 * (count, sum, min, max, values) are folded by combine() and addSeries() in file order, as
 * there (a float sum depends on its order); the histograms, whose counts add exactly in any
 * order, are summed once per tag set and added together per selection.
 */
export class SeriesIndex {
  private readonly metrics = new Map<string, MetricRows>();

  constructor(buckets: readonly ClientBucket[]) {
    const tagSetIds = new Map<string, TagSetNode>();
    for (const bucket of buckets) {
      for (const metric in bucket.metrics) {
        const list = bucket.metrics[metric]!;
        let rows = this.metrics.get(metric);
        let ids = tagSetIds.get(metric);
        if (!rows || !ids) {
          rows = { series: [], t: [], tagSet: [], tagSets: [] };
          ids = { next: new Map(), id: -1 };
          this.metrics.set(metric, rows);
          tagSetIds.set(metric, ids);
        }
        for (const series of list) {
          const node = tagSetNode(ids, series.tags);
          if (node.id < 0) node.id = rows.tagSets.push(series.tags) - 1;
          const id = node.id;
          rows.series.push(series);
          rows.t.push(bucket.t);
          rows.tagSet.push(id);
        }
      }
    }
  }

  /** Every metric name that appears in any bucket, sorted. */
  metricNames(): string[] {
    return [...this.metrics.keys()].sort();
  }

  /** mergeMetric: every series of `metric` whose tags match `selector`; undefined when none. */
  merge(metric: string, selector: Tags = {}): MergedMetric | undefined {
    const rows = this.metrics.get(metric);
    if (!rows) return undefined;
    const selected = rows.tagSets.map((tags) => matchesTags(tags, selector));
    let acc: MergedMetric | undefined;
    for (let r = 0; r < rows.series.length; r++) {
      if (selected[rows.tagSet[r]!]) acc = foldFigures(acc, rows.series[r]!, rows.t[r]!, metric);
    }
    if (acc?.kind === 'trend') acc.histogram = this.histogramOf(rows, selected);
    return acc;
  }

  /** mergeMetricBy: the series of `metric` split by a key derived from their tags. */
  mergeBy(metric: string, keyOf: (tags: Tags) => string): Map<string, MergedMetric> {
    const groups = new Map<string, MergedMetric>();
    const rows = this.metrics.get(metric);
    if (!rows) return groups;
    const keys = rows.tagSets.map(keyOf);
    for (let r = 0; r < rows.series.length; r++) {
      const key = keys[rows.tagSet[r]!]!;
      groups.set(key, foldFigures(groups.get(key), rows.series[r]!, rows.t[r]!, metric));
    }
    for (const [key, merged] of groups) {
      if (merged.kind === 'trend') {
        merged.histogram = this.histogramOf(
          rows,
          keys.map((k) => k === key),
        );
      }
    }
    return groups;
  }

  /** The histograms of the selected tag sets, added into a new histogram. */
  private histogramOf(rows: MetricRows, selected: readonly boolean[]): Histogram {
    rows.histograms ??= sumByTagSet(rows);
    const histogram = newHistogram();
    rows.histograms.forEach((h, id) => {
      if (selected[id] && h.totalCount > 0) histogram.add(h);
    });
    return histogram;
  }
}

/**
 * Tag sets told apart by walking their entries (in key order, as JSON.stringify would write
 * them) down a tree of maps: several times cheaper than a string key per series, and a day
 * holds hundreds of thousands of series.
 */
interface TagSetNode {
  next: Map<string, Map<string, TagSetNode>>;
  /** The tag set ending here, -1 until one does. */
  id: number;
}

function tagSetNode(root: TagSetNode, tags: Tags): TagSetNode {
  let node = root;
  for (const key in tags) {
    let byValue = node.next.get(key);
    if (!byValue) node.next.set(key, (byValue = new Map()));
    const value = tags[key]!;
    let child = byValue.get(value);
    if (!child) byValue.set(value, (child = { next: new Map(), id: -1 }));
    node = child;
  }
  return node;
}

/** One pass over a metric's trend series: each histogram decoded once, into its tag set. */
function sumByTagSet(rows: MetricRows): Histogram[] {
  const sums = rows.tagSets.map(() => new EncodedHistogramSum());
  rows.series.forEach((series, r) => {
    // addSeries leaves an empty second's histogram out; so does the index.
    if (series.kind === 'trend' && series.count > 0) sums[rows.tagSet[r]!]!.add(series.hist);
  });
  return sums.map((sum) => sum.toHistogram());
}
