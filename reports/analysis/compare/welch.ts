import jStat from 'jstat';
import { mean, sampleVariance } from 'simple-statistics';

export interface WelchResult {
  /** mean(y) − mean(x). */
  difference: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided. */
  p: number;
  /** The (1 − alpha) interval of the difference. */
  low: number;
  high: number;
}

/**
 * Welch's two-sample t-test of y against x (unequal variances, Welch–Satterthwaite degrees of
 * freedom) with the interval of mean(y) − mean(x). It is what keeps a comparison of 2 or 3
 * runs per side honest: its t distribution has the heavy tails that so few runs call for,
 * where resampling 3 runs sees a third less spread between them than there is. Needs two
 * values per side; sides that are both constant give p 1 when equal and 0 when not.
 */
export function welchTest(
  x: readonly number[],
  y: readonly number[],
  alpha: number,
): WelchResult | undefined {
  if (x.length < 2 || y.length < 2) return undefined;
  const difference = mean(y as number[]) - mean(x as number[]);
  const va = sampleVariance(x as number[]) / x.length;
  const vb = sampleVariance(y as number[]) / y.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) {
    const p = difference === 0 ? 1 : 0;
    return { difference, t: NaN, df: NaN, p, low: difference, high: difference };
  }
  const df = (va + vb) ** 2 / (va ** 2 / (x.length - 1) + vb ** 2 / (y.length - 1));
  const t = difference / se;
  // Two-sided tail as an incomplete beta, without the cancellation of 1 − cdf(|t|).
  const p = Math.min(1, jStat.ibeta(df / (df + t * t), df / 2, 0.5));
  const q = jStat.studentt.inv(1 - alpha / 2, df);
  return { difference, t, df, p, low: difference - q * se, high: difference + q * se };
}
