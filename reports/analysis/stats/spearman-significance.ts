import jStat from 'jstat';

/**
 * Two-sided p-value of a rank correlation ρ over `n` pairs from Student's t with n − 2 degrees
 * of freedom, t = ρ·√((n − 2)/(1 − ρ²)) (what R's cor.test does for Spearman without the exact
 * test). `n` may be fractional (effective pairs); under 3 pairs there is no evidence: 1. NaN for
 * an undefined ρ.
 */
export function spearmanPValue(rho: number, n: number): number {
  if (!Number.isFinite(rho)) return NaN;
  if (n < 3) return 1;
  if (Math.abs(rho) >= 1) return 0;
  const df = n - 2;
  const t = Math.abs(rho) * Math.sqrt(df / (1 - rho * rho));
  return Math.min(1, 2 * (1 - jStat.studentt.cdf(t, df)));
}

/**
 * Seconds of a series are not independent draws: a slow drift makes each second like the one
 * before, and two drifting series correlate by chance far more often than t assumes. The
 * effective number of pairs for two AR(1)-like series with lag-one autocorrelations r1 and r2
 * is n·(1 − r1·r2)/(1 + r1·r2) (Bretherton et al., J. Climate 1999), never above n.
 */
export function effectivePairs(n: number, r1: number, r2: number): number {
  const a = Number.isFinite(r1) ? r1 : 0;
  const b = Number.isFinite(r2) ? r2 : 0;
  const product = Math.max(0, a * b);
  return Math.min(n, (n * (1 - product)) / (1 + product));
}

/**
 * The p-value of the best of `tries` correlations (a lag search picks the best of several):
 * Bonferroni, conservative when the tries are themselves correlated, as neighbouring lags are.
 */
export function searchedPValue(p: number, tries: number): number {
  return Number.isNaN(p) ? NaN : Math.min(1, p * Math.max(1, tries));
}
