import type { ServerSeriesInfo } from '../../../core/run-dir/run-data.js';
import {
  bestRankedLag,
  correlateRankedAtLag,
  type CorrelationOptions,
  type LagCorrelation,
} from './correlation.js';
import { laggedCorrelation } from '../stats/lagged-correlation.js';
import { rankSeries, type RankedSeries } from '../stats/ranked-series.js';
import { effectivePairs, searchedPValue, spearmanPValue } from '../stats/spearman-significance.js';
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
/** Seconds of both series needed before a coefficient is reported at all. */
export const MIN_CORRELATION_SECONDS = 30;
const MAX_LAG_SEC = 5;
/** The p-value at or under which a series is said to move with latency. */
export const SIGNIFICANCE = 0.05;

/** Lag-one rank autocorrelation: how much each second resembles the one before. */
const autocorrelation = (s: RankedSeries): number => laggedCorrelation(s, s, 1, 3).spearman;

/**
 * The best lag's Spearman p-value, made honest twice: a second is much like the one before it
 * (a drift), so the pairs count as fewer independent ones (effectivePairs); and the best of
 * 2 × maxLag + 1 lags was picked, so the p-value is multiplied by that many (Bonferroni).
 */
function withSignificance(
  c: LagCorrelation | undefined,
  r1x: number,
  r1y: number,
  lags: number,
): LagCorrelation | undefined {
  if (!c || c.spearman === null) return c;
  const effectiveN = effectivePairs(c.n, r1x, r1y);
  const p = searchedPValue(spearmanPValue(c.spearman, effectiveN), lags);
  return { ...c, ...(Number.isNaN(p) ? {} : { pValue: p }), effectiveN: Math.round(effectiveN) };
}
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
  options: CorrelationOptions = {},
): SeriesCorrelation[] {
  const opts = {
    maxLagSec: options.maxLagSec ?? MAX_LAG_SEC,
    minPairs: options.minPairs ?? MIN_CORRELATION_SECONDS,
  };
  const lags = 2 * opts.maxLagSec + 1;
  const seconds = rankSeries(timeline.t);
  const p99Ranked = rankSeries(timeline.p99);
  const p50Ranked = rankSeries(timeline.p50);
  const [r1p99, r1p50] = [autocorrelation(p99Ranked), autocorrelation(p50Ranked)];
  const latencyTrends = trends(p99Ranked, seconds);
  return timeline.server.map(({ values, ...info }) => {
    const ranked = rankSeries(values);
    const r1 = autocorrelation(ranked);
    const p99 = withSignificance(bestRankedLag(ranked, p99Ranked, opts), r1, r1p99, lags);
    const p50 = withSignificance(bestRankedLag(ranked, p50Ranked, opts), r1, r1p50, lags);
    const sharedTrend = latencyTrends && trends(ranked, seconds);
    return { ...info, ...(p99 ? { p99 } : {}), ...(p50 ? { p50 } : {}), sharedTrend };
  });
}

const strength = (c: LagCorrelation | undefined): number =>
  c ? Math.max(Math.abs(c.pearson ?? 0), Math.abs(c.spearman ?? 0)) : 0;

/** Beyond chance: a p-value at or under SIGNIFICANCE (a coefficient without one is not). */
export const significant = (c: LagCorrelation | undefined): boolean =>
  c?.pValue !== undefined && c.pValue <= SIGNIFICANCE;

/**
 * The `count` series that move most with p99 (then p50), strongest first, among those whose
 * correlation beats chance with either.
 */
export function strongestCorrelations(all: SeriesCorrelation[], count = 5): SeriesCorrelation[] {
  return all
    .filter((s) => significant(s.p99) || significant(s.p50))
    .sort((a, b) => strength(b.p99) - strength(a.p99) || strength(b.p50) - strength(a.p50))
    .slice(0, count);
}
