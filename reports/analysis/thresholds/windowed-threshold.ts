import type { MetricSelector, ThresholdExpression } from '../../../scenarios/thresholds.js';
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import {
  combine,
  emptyMerged,
  mergeMetric,
  type MergedMetric,
} from '../../../core/series/merge.js';
import { judge } from './judge.js';

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
  const perSecond = new Map<number, MergedMetric>();
  for (const bucket of buckets) {
    const m = mergeMetric([bucket], selector.metric, selector.tags);
    if (m === undefined) continue;
    const seen = perSecond.get(bucket.t);
    perSecond.set(bucket.t, seen ? combine(seen, m, selector.metric) : m);
  }
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
  let worst: { actual: number; endT: number } | undefined;
  let anyFailed = false;
  let message: string | undefined;
  for (let end = Math.min(first + seconds - 1, last); end <= Math.min(last, lastEnd); end++) {
    const window = windowAt(perSecond, end, seconds, selector.metric);
    if (window === undefined) continue;
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

function windowAt(
  perSecond: Map<number, MergedMetric>,
  end: number,
  seconds: number,
  metric: string,
): MergedMetric | undefined {
  let acc: MergedMetric | undefined;
  for (let t = end - seconds + 1; t <= end; t++) {
    const m = perSecond.get(t);
    if (m === undefined) continue;
    acc = combine(acc ?? emptyMerged(m.kind), m, metric);
  }
  return acc;
}

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
