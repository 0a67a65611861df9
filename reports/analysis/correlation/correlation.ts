import type { GridSeries } from './align.js';
import { laggedCorrelation } from '../stats/lagged-correlation.js';
import { rankSeries, type RankedSeries } from '../stats/ranked-series.js';

/** How one server series moves with one client latency series. */
export interface LagCorrelation {
  /** Seconds the server series leads latency by (negative: it lags behind latency). */
  lagSec: number;
  /** Pearson r (linear), null when either side is constant over the pairs. */
  pearson: number | null;
  /** Spearman rho (monotonic, robust to outliers), null when either side is constant. */
  spearman: number | null;
  /** Seconds with both values present at that lag. */
  n: number;
  /**
   * Spearman's two-sided p-value at this lag, with the seconds' autocorrelation discounted and
   * the lag search accounted for (set by correlateServerSeries; absent elsewhere).
   */
  pValue?: number;
  /** The pairs the p-value counts as independent (at most n). */
  effectiveN?: number;
}

export interface CorrelationOptions {
  /** Lags tried: -maxLagSec..maxLagSec (default 5). */
  maxLagSec?: number;
  /** Fewer pairs than this give no coefficient (default 10): a handful of points fits anything. */
  minPairs?: number;
}

/** A coefficient as reported: clamped to [-1, 1] against rounding, null when undefined. */
const coefficient = (r: number): number | null =>
  Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;

/** Pearson and Spearman of x against y at one lag (x at t with y at t + lagSec). */
export function correlateAtLag(
  x: GridSeries,
  y: GridSeries,
  lagSec: number,
  minPairs = 10,
): LagCorrelation {
  return correlateRankedAtLag(rankSeries(x), rankSeries(y), lagSec, minPairs);
}

/** correlateAtLag on series ranked once (rankSeries), for callers that try many lags or pairs. */
export function correlateRankedAtLag(
  x: RankedSeries,
  y: RankedSeries,
  lagSec: number,
  minPairs = 10,
): LagCorrelation {
  const least = Math.max(3, minPairs);
  const { n, pearson, spearman } = laggedCorrelation(x, y, lagSec, least);
  if (n < least) return { lagSec, pearson: null, spearman: null, n };
  return { lagSec, pearson: coefficient(pearson), spearman: coefficient(spearman), n };
}

const strength = (c: LagCorrelation): number =>
  Math.max(Math.abs(c.pearson ?? 0), Math.abs(c.spearman ?? 0));

/**
 * The lag within ±maxLagSec where the two series move together most (the larger of |Pearson|
 * and |Spearman|). Lags are tried from 0 outwards and a farther lag must do strictly better,
 * so a tie goes to the smaller shift. Undefined when no lag has enough pairs or any variance.
 */
export function bestLagCorrelation(
  x: GridSeries,
  y: GridSeries,
  opts: CorrelationOptions = {},
): LagCorrelation | undefined {
  return bestRankedLag(rankSeries(x), rankSeries(y), opts);
}

/** bestLagCorrelation on series ranked once: each is sorted once, whatever it is paired with. */
export function bestRankedLag(
  x: RankedSeries,
  y: RankedSeries,
  opts: CorrelationOptions = {},
): LagCorrelation | undefined {
  const maxLag = opts.maxLagSec ?? 5;
  let best: LagCorrelation | undefined;
  for (let k = 0; k <= maxLag; k++) {
    for (const lag of k === 0 ? [0] : [k, -k]) {
      const c = correlateRankedAtLag(x, y, lag, opts.minPairs);
      if (c.pearson === null && c.spearman === null) continue;
      if (!best || strength(c) > strength(best) + 1e-9) best = c;
    }
  }
  return best;
}
