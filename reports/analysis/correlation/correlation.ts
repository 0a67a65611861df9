import { sampleCorrelation } from 'simple-statistics';
import { laggedPairs, type GridSeries } from './align.js';
import { laggedSpearman, valueOrder } from '../stats/lagged-spearman.js';

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
}

export interface CorrelationOptions {
  /** Lags tried: -maxLagSec..maxLagSec (default 5). */
  maxLagSec?: number;
  /** Fewer pairs than this give no coefficient (default 10): a handful of points fits anything. */
  minPairs?: number;
}

const coefficient = (f: (x: number[], y: number[]) => number, x: number[], y: number[]) => {
  const r = f(x, y);
  return Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : null;
};

/** Pearson and Spearman of x against y at one lag (x at t with y at t + lagSec). */
export function correlateAtLag(
  x: GridSeries,
  y: GridSeries,
  lagSec: number,
  minPairs = 10,
  orders: { x: Uint32Array; y: Uint32Array } = { x: valueOrder(x), y: valueOrder(y) },
): LagCorrelation {
  const pairs = laggedPairs(x, y, lagSec);
  const n = pairs.x.length;
  if (n < Math.max(3, minPairs)) return { lagSec, pearson: null, spearman: null, n };
  const rho = laggedSpearman(x, y, lagSec, orders.x, orders.y);
  return {
    lagSec,
    pearson: coefficient(sampleCorrelation, pairs.x, pairs.y),
    spearman: Number.isFinite(rho) ? Math.max(-1, Math.min(1, rho)) : null,
    n,
  };
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
  const maxLag = opts.maxLagSec ?? 5;
  // Each series is sorted once; every lag then ranks its pairs in linear time.
  const orders = { x: valueOrder(x), y: valueOrder(y) };
  let best: LagCorrelation | undefined;
  for (let k = 0; k <= maxLag; k++) {
    for (const lag of k === 0 ? [0] : [k, -k]) {
      const c = correlateAtLag(x, y, lag, opts.minPairs, orders);
      if (c.pearson === null && c.spearman === null) continue;
      if (!best || strength(c) > strength(best) + 1e-9) best = c;
    }
  }
  return best;
}
