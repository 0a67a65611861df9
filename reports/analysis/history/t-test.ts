import jStat from 'jstat';

/** The two sides of a change point and how unlike they are. */
export interface ShiftStats {
  meanBefore: number;
  meanAfter: number;
  /** Population standard deviations (divisor n), as Otava feeds them to its t-test. */
  stdBefore: number;
  stdAfter: number;
  /** Two-sided p-value of Student's t-test (pooled variance) that both sides share one mean. */
  pValue: number;
}

function meanStd(values: readonly number[]): { mean: number; std: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  if (values.length < 2) return { mean, std: 0 };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

/**
 * Student's two-sample t-test from summary statistics with pooled variance, the test Otava
 * prunes E-divisive candidates with. Like Otava it pools the population (not the sample)
 * standard deviations, which is what keeps its published expectations reproducible.
 * p = I_{df/(df+t²)}(df/2, 1/2) is the two-sided tail computed without the cancellation of
 * 1 − cdf(|t|), so very small p-values keep their digits. Two constant, equal sides give 1
 * (nothing to tell apart); two constant, different sides give 0.
 */
export function tTest(before: readonly number[], after: readonly number[]): ShiftStats {
  if (before.length === 0 || after.length === 0) {
    throw new RangeError(
      `a t-test needs two non-empty sides (got ${before.length} and ${after.length})`,
    );
  }
  const l = meanStd(before);
  const r = meanStd(after);
  const n1 = before.length;
  const n2 = after.length;
  const stats = { meanBefore: l.mean, meanAfter: r.mean, stdBefore: l.std, stdAfter: r.std };
  if (n1 + n2 <= 2) return { ...stats, pValue: 1 };
  const df = n1 + n2 - 2;
  const pooled = ((n1 - 1) * l.std ** 2 + (n2 - 1) * r.std ** 2) / df;
  const denom = Math.sqrt(pooled * (1 / n1 + 1 / n2));
  const diff = l.mean - r.mean;
  if (denom === 0) return { ...stats, pValue: diff === 0 ? 1 : 0 };
  const t = diff / denom;
  return { ...stats, pValue: Math.min(1, jStat.ibeta(df / (df + t * t), df / 2, 0.5)) };
}

/**
 * The larger of the relative changes forwards (after/before − 1) and backwards
 * (before/after − 1), so a halving and a doubling weigh the same; a side whose mean is 0
 * contributes 0, as in Otava.
 */
export function shiftMagnitude(s: Pick<ShiftStats, 'meanBefore' | 'meanAfter'>): number {
  const forward = s.meanBefore === 0 ? 0 : s.meanAfter / s.meanBefore - 1;
  const backward = s.meanAfter === 0 ? 0 : s.meanBefore / s.meanAfter - 1;
  return Math.max(Math.abs(forward), Math.abs(backward));
}
