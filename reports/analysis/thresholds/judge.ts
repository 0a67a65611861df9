import {
  compare,
  type Aggregation,
  type ThresholdExpression,
} from '../../../scenarios/thresholds.js';
import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { trendPercentile, type MergedMetric } from '../../../core/series/merge.js';
import { perSecond } from '../run-window.js';

export function aggregationLabel(aggregation: Aggregation): string {
  return aggregation.kind === 'percentile' ? `p(${aggregation.p})` : aggregation.kind;
}

const APPLIES: Record<MetricKind, ReadonlySet<Aggregation['kind']>> = {
  trend: new Set(['avg', 'min', 'max', 'med', 'percentile']),
  rate: new Set(['rate']),
  counter: new Set(['count', 'rate']),
  gauge: new Set(['value']),
};

function validFor(kind: MetricKind): string {
  return [...APPLIES[kind]].map((k) => (k === 'percentile' ? 'p(N)' : k)).join(', ');
}

/** Why `agg` cannot be taken of a metric of `kind` (p(95) of a rate), or undefined when it can. */
export function aggregationMisfit(
  kind: MetricKind,
  agg: Aggregation,
  selector: string,
): string | undefined {
  if (APPLIES[kind].has(agg.kind)) return undefined;
  return `"${aggregationLabel(agg)}" does not apply to ${kind} metric ${selector}; use ${validFor(kind)}`;
}

/** One expression on one merged metric: its verdict and figure, or why there is none. */
export function judge(
  merged: MergedMetric | undefined,
  expression: ThresholdExpression,
  durationSec: number,
  selector: string,
): { ok: boolean; actual: number | null; message?: string } {
  const outcome = aggregate(merged, expression, durationSec, selector);
  if (typeof outcome === 'string') return { ok: false, actual: null, message: outcome };
  return { ok: compare(outcome, expression.comparator, expression.value), actual: outcome };
}

/** The figure an expression compares, or the reason there is none. */
export function aggregate(
  merged: MergedMetric | undefined,
  expression: ThresholdExpression,
  durationSec: number,
  selector: string,
): number | string {
  const noData = `no samples for ${selector}: check the metric name and tag values, and that the flow reached it`;
  if (merged === undefined) return noData;
  const agg = expression.aggregation;
  const misfit = aggregationMisfit(merged.kind, agg, selector);
  if (misfit !== undefined) return misfit;
  switch (merged.kind) {
    case 'trend':
      if (merged.count === 0) return noData;
      if (agg.kind === 'percentile') return trendPercentile(merged, agg.p);
      if (agg.kind === 'med') return trendPercentile(merged, 50);
      if (agg.kind === 'min') return merged.min;
      if (agg.kind === 'max') return merged.max;
      return merged.sum / merged.count;
    case 'rate':
      return merged.total === 0 ? noData : merged.passes / merged.total;
    case 'counter':
      return agg.kind === 'count' ? merged.value : perSecond(merged.value, durationSec);
    case 'gauge':
      return merged.value;
  }
}
