/**
 * Distribution-free confidence bounds of a quantile from a sample of `n`: the order statistics
 * at ranks r = nq − z·√(nq(1−q)) and s = 1 + nq + z·√(nq(1−q)), rounded to the nearest whole
 * rank (the normal approximation to the binomial; Campbell & Gardner, BMJ 1988, as taught in
 * "Statistics with Confidence"). For n = 100 and the median that is the 40th and 61st values.
 * Returned as percentiles (0..100) of the sample, so an HDR histogram reads them directly.
 */
export interface QuantileRanks {
  /** 1-based ranks of the lower and upper bound, clamped to 1..n. */
  lowRank: number;
  highRank: number;
  /** The same as percentiles of the sample (rank / n × 100). */
  lowPercentile: number;
  highPercentile: number;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959964;

export function quantileRanks(n: number, percentile: number, z = Z_95): QuantileRanks {
  const q = percentile / 100;
  const spread = z * Math.sqrt(n * q * (1 - q));
  const lowRank = Math.min(n, Math.max(1, Math.round(n * q - spread)));
  const highRank = Math.min(n, Math.max(1, Math.round(1 + n * q + spread)));
  return {
    lowRank,
    highRank,
    lowPercentile: n === 0 ? 0 : (100 * lowRank) / n,
    highPercentile: n === 0 ? 100 : (100 * highRank) / n,
  };
}
