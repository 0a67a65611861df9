import type { ServerSeriesInfo } from '../../../core/run-dir/run-data.js';
import {
  bestRankedLag,
  correlateRankedAtLag,
  type CorrelationOptions,
  type LagCorrelation,
} from './correlation.js';
import { rankSeries, type RankedSeries } from '../stats/ranked-series.js';
import type { Timeline } from '../timeline.js';

/** One server series against client p99 and p50, each at its own best lag. */
export interface SeriesCorrelation extends ServerSeriesInfo {
  p99?: LagCorrelation;
  p50?: LagCorrelation;
  /**
   * The series and p99 both climb (or fall) steadily with time (|Spearman with t| >= 0.7), so
   * any two such series correlate: they may share a cause, such as a ramp, not depend on each
   * other.
   */
  sharedTrend: boolean;
}

const TREND_RHO = 0.7;

function trends(values: RankedSeries, seconds: RankedSeries): boolean {
  const rho = correlateRankedAtLag(seconds, values, 0).spearman;
  return rho !== null && Math.abs(rho) >= TREND_RHO;
}

/**
 * Every server series of the timeline correlated with client latency. Each series is ranked
 * once: p99, p50 and the seconds meet every server series at eleven lags.
 */
export function correlateServerSeries(
  timeline: Timeline,
  opts: CorrelationOptions = {},
): SeriesCorrelation[] {
  const seconds = rankSeries(timeline.t);
  const p99Ranked = rankSeries(timeline.p99);
  const p50Ranked = rankSeries(timeline.p50);
  const latencyTrends = trends(p99Ranked, seconds);
  return timeline.server.map(({ values, ...info }) => {
    const ranked = rankSeries(values);
    const p99 = bestRankedLag(ranked, p99Ranked, opts);
    const p50 = bestRankedLag(ranked, p50Ranked, opts);
    const sharedTrend = latencyTrends && trends(ranked, seconds);
    return { ...info, ...(p99 ? { p99 } : {}), ...(p50 ? { p50 } : {}), sharedTrend };
  });
}

const strength = (c: LagCorrelation | undefined): number =>
  c ? Math.max(Math.abs(c.pearson ?? 0), Math.abs(c.spearman ?? 0)) : 0;

/** The `count` series that move most with p99 (then p50), strongest first. */
export function strongestCorrelations(all: SeriesCorrelation[], count = 5): SeriesCorrelation[] {
  return all
    .filter((s) => strength(s.p99) > 0 || strength(s.p50) > 0)
    .sort((a, b) => strength(b.p99) - strength(a.p99) || strength(b.p50) - strength(a.p50))
    .slice(0, count);
}
