import type { Histogram } from '../hdr/histogram.js';
import type { MetricSeries } from '../run-dir/run-data.js';
import { addSeries, combine, emptyMerged, type MergedMetric, type MergedTrend } from './merge.js';

/**
 * A trend's figures (count, sum, min, max) merged by the merge rules, with its histogram left
 * out to be merged apart: in file order, the figures' float sums come out as addSeries and
 * combine give them, while histograms, whose counts add exactly in any order, are decoded once
 * and summed however is cheapest. This object stands in for the histogram meanwhile; attach
 * the real one before the merged metric leaves the analysis.
 */
export const FIGURES_ONLY = { add() {} } as unknown as Histogram;

/** combine() only reads its second argument: one object serves every series folded in. */
const SERIES: MergedTrend = {
  kind: 'trend',
  count: 0,
  sum: 0,
  min: 0,
  max: 0,
  histogram: FIGURES_ONLY,
};

/** emptyMerged('trend') once, with no histogram: copied for each fold (building one is not free). */
const EMPTY_TREND = { ...(emptyMerged('trend') as MergedTrend), histogram: FIGURES_ONLY };

/** An empty merged metric of `kind`, for figures only. */
export function emptyFigures(kind: MergedMetric['kind']): MergedMetric {
  return kind === 'trend' ? { ...EMPTY_TREND } : emptyMerged(kind);
}

/** addSeries(acc, series, t, metric), without decoding a trend's histogram. */
export function foldFigures(
  acc: MergedMetric | undefined,
  series: MetricSeries,
  t: number,
  metric: string,
): MergedMetric {
  if (series.kind !== 'trend') return addSeries(acc, series, t, metric);
  SERIES.count = series.count;
  SERIES.sum = series.sum;
  SERIES.min = series.min;
  SERIES.max = series.max;
  return combine(acc ?? emptyFigures('trend'), SERIES, metric);
}
