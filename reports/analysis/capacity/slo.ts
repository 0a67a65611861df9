import { ThresholdSyntaxError } from '../../../core/errors.js';
import { trendPercentile, type MergedTrend } from '../../../core/series/merge.js';
import {
  compare,
  parseExpression,
  parseSelector,
  type Comparator,
  type MetricSelector,
} from '../../../scenarios/thresholds.js';

/**
 * A latency objective in the threshold grammar: `p(99)<300`, optionally with a metric selector
 * first (`http_req_duration{name:pay} p(99)<800`; the default is every http_req_duration).
 * A step meets it when the statistic holds over its steady seconds and no more than
 * `maxErrorRate` of its requests failed: fast failures must not pass for capacity.
 */
export interface Slo {
  source: string;
  selector: MetricSelector;
  statistic: SloStatistic;
  comparator: Extract<Comparator, '<' | '<='>;
  limit: number;
  maxErrorRate: number;
}

export type SloStatistic = { kind: 'percentile'; p: number } | { kind: 'avg' | 'max' };

export const DEFAULT_SLO_METRIC = 'http_req_duration';
export const DEFAULT_MAX_ERROR_RATE = 0.01;
const HINT =
  "an upper bound on a latency statistic, e.g. 'p(99)<300' or 'http_req_duration{name:pay} p(95)<=800'";

export function parseSlo(text: string, maxErrorRate = DEFAULT_MAX_ERROR_RATE, path = '--slo'): Slo {
  const trimmed = text.trim();
  const split = /^([A-Za-z_][A-Za-z0-9_]*(?:\{[^{}]*\})?)\s+(\S.*)$/.exec(trimmed);
  const selector = parseSelector(split?.[1] ?? DEFAULT_SLO_METRIC, path);
  const expression = parseExpression(split?.[2] ?? trimmed, path);
  const a = expression.aggregation;
  const statistic: SloStatistic | undefined =
    a.kind === 'percentile'
      ? { kind: 'percentile', p: a.p }
      : a.kind === 'med'
        ? { kind: 'percentile', p: 50 }
        : a.kind === 'avg' || a.kind === 'max'
          ? { kind: a.kind }
          : undefined;
  if (!statistic || (expression.comparator !== '<' && expression.comparator !== '<=')) {
    throw new ThresholdSyntaxError(path, text, HINT);
  }
  if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
    throw new ThresholdSyntaxError(
      '--max-error-rate',
      String(maxErrorRate),
      'a share from 0 to 1, e.g. 0.01',
    );
  }
  return {
    source: trimmed,
    selector,
    statistic,
    comparator: expression.comparator,
    limit: expression.value,
    maxErrorRate,
  };
}

/** The SLO's statistic of a merged latency trend, in the metric's unit (ms for durations). */
export function sloStatistic(slo: Slo, trend: MergedTrend): number {
  if (trend.count === 0) return NaN;
  switch (slo.statistic.kind) {
    case 'percentile':
      return trendPercentile(trend, slo.statistic.p);
    case 'avg':
      return trend.sum / trend.count;
    case 'max':
      return trend.max;
  }
}

/** Whether a statistic and an error rate meet the objective. */
export function meetsSlo(slo: Slo, value: number, errorRate: number): boolean {
  return (
    Number.isFinite(value) &&
    compare(value, slo.comparator, slo.limit) &&
    errorRate <= slo.maxErrorRate
  );
}

/** `p(99)` for labels: the statistic as the expression wrote it. */
export function sloLabel(slo: Slo): string {
  return slo.statistic.kind === 'percentile' ? `p(${slo.statistic.p})` : slo.statistic.kind;
}
