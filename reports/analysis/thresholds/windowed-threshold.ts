import type { MetricSelector, ThresholdExpression } from '../../../scenarios/thresholds.js';
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { emptyFigures, foldFigures } from '../../../core/series/merge-figures.js';
import { combine, matchesTags, type MergedMetric } from '../../../core/series/merge.js';
import { judge } from './judge.js';
import { WindowHistograms, type SelectedSecond } from './window-histograms.js';

export interface WindowedVerdict {
  ok: boolean;
  actual: number | null;
  message?: string;
  window: { seconds: number; worstEndT: number | null };
}

/**
 * A threshold over sliding windows (`{ threshold: 'p(95)<300', window: '60s' }`): the
 * expression is judged on every window of `window` seconds ending at each second of the run
 * (one window, the whole run, when the run is shorter), and fails when any window fails. A
 * whole-run p95 can hide a bad minute in a long soak; this cannot. Windows with no samples
 * are skipped; `actual` is the worst window's figure.
 */
export function evaluateWindowed(
  buckets: readonly ClientBucket[],
  selector: MetricSelector,
  expression: ThresholdExpression,
): WindowedVerdict {
  const seconds = Math.max(1, Math.round((expression.windowMs ?? 1000) / 1000));
  const perSecond = secondsOf(buckets, selector);
  const none = {
    ok: false,
    actual: null,
    message: `no samples for ${selector.source}: check the metric name and tag values, and that the flow reached it`,
    window: { seconds, worstEndT: null },
  };
  if (perSecond.size === 0) return none;
  const ts = [...perSecond.keys()].sort((a, b) => a - b);
  const first = ts[0] as number;
  const last = ts[ts.length - 1] as number;
  const lastEnd = Math.max(last, first + seconds - 1);
  const histograms = new WindowHistograms(perSecond, seconds, needsHistogram(expression));
  let worst: { actual: number; endT: number } | undefined;
  let anyFailed = false;
  let message: string | undefined;
  for (let end = Math.min(first + seconds - 1, last); end <= Math.min(last, lastEnd); end++) {
    const window = windowAt(perSecond, end, seconds, selector.metric);
    if (window === undefined) continue;
    if (window.kind === 'trend') window.histogram = histograms.at(end);
    const v = judge(window, expression, Math.min(seconds, end - first + 1), selector.source);
    if (v.actual === null) {
      message ??= v.message;
      continue;
    }
    if (!v.ok && !anyFailed) {
      anyFailed = true;
      worst = undefined; // from now on only failing windows compete for "worst"
    }
    if (
      (v.ok && anyFailed) ||
      (worst !== undefined && !isWorse(v.actual, worst.actual, expression))
    ) {
      continue;
    }
    worst = { actual: v.actual, endT: end };
  }
  if (worst === undefined) return { ...none, ...(message ? { message } : {}) };
  return { ok: !anyFailed, actual: worst.actual, window: { seconds, worstEndT: worst.endT } };
}

/** The selection merged per second, as mergeMetric per bucket, then combine per second. */
function secondsOf(
  buckets: readonly ClientBucket[],
  selector: MetricSelector,
): Map<number, SelectedSecond> {
  const perSecond = new Map<number, SelectedSecond>();
  for (const bucket of buckets) {
    let figures: MergedMetric | undefined;
    const encoded: string[] = [];
    for (const series of bucket.metrics[selector.metric] ?? []) {
      if (!matchesTags(series.tags, selector.tags)) continue;
      figures = foldFigures(figures, series, bucket.t, selector.metric);
      if (series.kind === 'trend' && series.count > 0) encoded.push(series.hist);
    }
    if (figures === undefined) continue;
    const seen = perSecond.get(bucket.t);
    if (!seen) perSecond.set(bucket.t, { figures, encoded });
    else {
      seen.figures = combine(seen.figures, figures, selector.metric);
      seen.encoded.push(...encoded);
    }
  }
  return perSecond;
}

/** Figures of the window ending at `end`, folded second by second (sums keep their order). */
function windowAt(
  perSecond: Map<number, SelectedSecond>,
  end: number,
  seconds: number,
  metric: string,
): MergedMetric | undefined {
  let acc: MergedMetric | undefined;
  for (let t = end - seconds + 1; t <= end; t++) {
    const second = perSecond.get(t);
    if (second === undefined) continue;
    acc = combine(acc ?? emptyFigures(second.figures.kind), second.figures, metric);
  }
  return acc;
}

const needsHistogram = (e: ThresholdExpression): boolean =>
  e.aggregation.kind === 'percentile' || e.aggregation.kind === 'med';

/** Whether `a` is further on the failing side of the comparison than `b`. */
function isWorse(a: number, b: number, e: ThresholdExpression): boolean {
  switch (e.comparator) {
    case '<':
    case '<=':
      return a > b;
    case '>':
    case '>=':
      return a < b;
    default:
      return Math.abs(a - e.value) > Math.abs(b - e.value);
  }
}
