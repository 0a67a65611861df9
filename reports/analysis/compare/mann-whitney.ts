import jStat from 'jstat';
import { cdfAt, exactUDistribution, tieGroupSizes } from './u-distribution.js';

export interface MannWhitneyResult {
  n1: number;
  n2: number;
  /** Pairs (x, y) with x > y, plus half the tied pairs: 0..n1·n2. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal';
}

/** Exact p-values up to these sample sizes (benchstat's limits): the normal approximation after. */
export const EXACT_LIMIT = 50;
export const EXACT_LIMIT_WITH_TIES = 25;

/**
 * Two-sided Mann–Whitney U test (Wilcoxon rank-sum): do x and y come from one population, or
 * does one tend to hold larger values? No assumption on the shape of the distributions. Exact
 * p-values for small samples, ties included (u-distribution.ts); beyond the limits the normal
 * approximation with the tie correction of the variance and a continuity correction.
 * Undefined when a sample is empty or every value is equal (nothing to rank).
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  opts: { method?: 'auto' | 'normal' } = {},
): MannWhitneyResult | undefined {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return undefined;
  const pooled = [...x, ...y].sort((a, b) => a - b);
  const sizes = tieGroupSizes(pooled);
  if (sizes.length === 1) return undefined;
  const u = uStatistic(x, y);
  const twoU = 2 * u;
  const twoUMirror = 2 * n1 * n2 - twoU;
  const ties = sizes.some((s) => s > 1);
  const limit = ties ? EXACT_LIMIT_WITH_TIES : EXACT_LIMIT;
  if (opts.method !== 'normal' && n1 <= limit && n2 <= limit) {
    if (twoU === twoUMirror) return { n1, n2, u, p: 1, method: 'exact' };
    const dist = exactUDistribution(sizes, n1);
    const p = Math.min(1, 2 * cdfAt(dist, Math.min(twoU, twoUMirror)));
    return { n1, n2, u, p, method: 'exact' };
  }
  const n = n1 + n2;
  const tieSum = sizes.reduce((acc, t) => acc + t ** 3 - t, 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieSum / (n * (n - 1))));
  const centred = u - (n1 * n2) / 2;
  const z = (centred - Math.sign(centred) * 0.5) / sigma;
  const p = Math.min(1, 2 * Math.min(jStat.normal.cdf(z, 0, 1), 1 - jStat.normal.cdf(z, 0, 1)));
  return { n1, n2, u, p, method: 'normal' };
}

/** U of x: pairs where x wins, ties counting a half. */
export function uStatistic(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

/**
 * The smallest two-sided p-value the exact test can give samples of these sizes (every x
 * below every y): 2 / C(n1 + n2, n1). At 3 + 3 it is 0.1, so no difference can ever be
 * significant at 0.05; at 4 + 4 it is 0.029 (benchstat: "need >= 4 samples").
 */
export function smallestAttainableP(n1: number, n2: number): number {
  let c = 1;
  for (let i = 1; i <= n1; i++) c = (c * (n2 + i)) / i;
  return Math.min(1, 2 / c);
}
