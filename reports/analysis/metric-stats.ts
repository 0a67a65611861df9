import { assertNever } from '../../core/assert-never.js';
import { trendPercentile, type MergedMetric, type MergedTrend } from '../../core/series/merge.js';
import { perSecond } from './run-window.js';

/** Trend figures in the metric's own unit (ms for durations). */
export interface TrendStats {
  kind: 'trend';
  count: number;
  avg: number;
  min: number;
  med: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}
export interface CounterStats {
  kind: 'counter';
  count: number;
  ratePerSec: number;
}
/** `rate` is passes / total (0 when total is 0, as k6 prints it). */
export interface RateStats {
  kind: 'rate';
  passes: number;
  total: number;
  rate: number;
}
export interface GaugeStats {
  kind: 'gauge';
  value: number;
  min: number;
  max: number;
}
export type MetricStats = TrendStats | CounterStats | RateStats | GaugeStats;

export function trendStats(trend: MergedTrend): TrendStats {
  const empty = trend.count === 0;
  return {
    kind: 'trend',
    count: trend.count,
    avg: empty ? 0 : trend.sum / trend.count,
    min: empty ? 0 : trend.min,
    med: trendPercentile(trend, 50),
    p90: trendPercentile(trend, 90),
    p95: trendPercentile(trend, 95),
    p99: trendPercentile(trend, 99),
    p999: trendPercentile(trend, 99.9),
    max: empty ? 0 : trend.max,
  };
}

export function metricStats(merged: MergedMetric, durationSec: number): MetricStats {
  switch (merged.kind) {
    case 'trend':
      return trendStats(merged);
    case 'counter':
      return {
        kind: 'counter',
        count: merged.value,
        ratePerSec: perSecond(merged.value, durationSec),
      };
    case 'rate':
      return {
        kind: 'rate',
        passes: merged.passes,
        total: merged.total,
        rate: merged.total > 0 ? merged.passes / merged.total : 0,
      };
    case 'gauge':
      return { kind: 'gauge', value: merged.value, min: merged.min, max: merged.max };
    default:
      return assertNever(merged);
  }
}
