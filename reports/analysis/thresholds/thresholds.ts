import { compare, type Threshold } from '../../../scenarios/thresholds.js';
import type { MetricKind, RunData } from '../../../core/run-dir/run-data.js';
import { SeriesIndex } from '../../../core/series/series-index.js';
import { aggregate, aggregationLabel } from './judge.js';
import { evaluateWindowed } from './windowed-threshold.js';
import { measuredPhases, runWindow } from '../run-window.js';

export interface ThresholdResult {
  /** The metric selector as written: `http_req_duration{name:login}`. */
  selector: string;
  /** The expression as written: `p(95)<300`. */
  expression: string;
  /** The aggregation's label: `p(95)`, `avg`, `rate`... */
  aggregation: string;
  /** Kind of the selected metric; null when nothing matched the selector. */
  metricKind: MetricKind | null;
  ok: boolean;
  /** The aggregated figure compared against the limit; null when there was none to compare. */
  actual: number | null;
  /** Why there is no figure: no samples, or an aggregation the metric's kind does not have. */
  message?: string;
  /**
   * Sliding-window thresholds: the window length, and the worst window (its last second, unix
   * time) whose figure is `actual`.
   */
  window?: { seconds: number; worstEndT: number | null };
}

/**
 * One result per expression, in declaration order.
 *
 * A selector that matched no samples FAILS here. k6 instead skips thresholds on metrics and
 * sub-metrics that received no samples, so they pass (grafana/k6#1053, #1346): a typo in a
 * tag value, or an endpoint the flow never reached, would then turn CI green with no
 * evidence at all. A threshold is a claim about measured traffic; without traffic it is unproven.
 */
export function evaluateThresholds(
  run: RunData,
  thresholds: Threshold[],
  index = new SeriesIndex(run.client),
): ThresholdResult[] {
  const { durationSec } = runWindow(run.client, measuredPhases(run.meta));
  const results: ThresholdResult[] = [];
  for (const { selector, expressions } of thresholds) {
    const merged = index.merge(selector.metric, selector.tags);
    for (const expression of expressions) {
      const base = {
        selector: selector.source,
        expression: expression.source,
        aggregation: aggregationLabel(expression.aggregation),
        metricKind: merged?.kind ?? null,
      };
      if (expression.windowMs !== undefined) {
        results.push({ ...base, ...evaluateWindowed(run.client, selector, expression) });
        continue;
      }
      const outcome = aggregate(merged, expression, durationSec, selector.source);
      if (typeof outcome === 'string') {
        results.push({ ...base, ok: false, actual: null, message: outcome });
      } else {
        const ok = compare(outcome, expression.comparator, expression.value);
        results.push({ ...base, ok, actual: outcome });
      }
    }
  }
  return results;
}

export { aggregate, aggregationLabel, judge } from './judge.js';
