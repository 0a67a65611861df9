/**
 * The E-divisive divergence q̂ of Matteson and James (2014), with α = 1: for a span
 * [start, end) of a series, the split τ and right end κ (start < τ < κ ≤ end) that make
 * X = z[start, τ) and Y = z[τ, κ) most unlike each other,
 *
 *   q̂(X, Y) = 2/(n+m) Σ|Xi−Yj| − 2m/((n+m)(n−1)) Σi<k|Xi−Xk| − 2n/((n+m)(m−1)) Σj<k|Yj−Yk|
 *
 * with n = |X|, m = |Y|, and a within-sample term dropped when its sample has one element.
 * Searching κ as well as τ (as Otava does) lets a short shift near the start of a long span win
 * over a long, weaker one.
 */

/** A candidate change point: the series splits before `index`. */
export interface Candidate {
  index: number;
  qhat: number;
}

/**
 * Precomputes, for each column j, the running sums of |z[i] − z[j]| over i < j, so every
 * cross and within sum of a span is a difference of two prefixes: each span is searched in
 * O(span²) time, not O(span³).
 */
export class QhatCalculator {
  private readonly series: readonly number[];
  /** prefix[j][i] = Σ_{i' < i} |z[i'] − z[j]|, for 0 ≤ i ≤ j. */
  private readonly prefix: Float64Array[];

  constructor(series: readonly number[]) {
    this.series = series;
    this.prefix = series.map((zj, j) => {
      const row = new Float64Array(j + 1);
      for (let i = 0; i < j; i++) row[i + 1] = (row[i] as number) + Math.abs(series[i]! - zj);
      return row;
    });
  }

  get length(): number {
    return this.series.length;
  }

  /** Σ_{from ≤ i < to} |z[i] − z[j]|, for to ≤ j. */
  private columnSum(j: number, from: number, to: number): number {
    const row = this.prefix[j] as Float64Array;
    return (row[to] as number) - (row[from] as number);
  }

  /**
   * The (τ, κ) with the largest q̂ in [start, end), scanned τ first then κ, keeping the first
   * maximum (ties resolve to the earliest split); undefined for a span of fewer than 2 points.
   */
  candidate(start: number, end: number): Candidate | undefined {
    if (end - start < 2) return undefined;
    let best: Candidate | undefined;
    let withinX = 0; // Σ|Xi − Xk| over X = z[start, τ)
    for (let tau = start + 1; tau < end; tau++) {
      withinX += this.columnSum(tau - 1, start, tau - 1);
      const n = tau - start;
      let cross = 0;
      let withinY = 0;
      for (let kappa = tau + 1; kappa <= end; kappa++) {
        const last = kappa - 1; // the point Y gains
        cross += this.columnSum(last, start, tau);
        withinY += this.columnSum(last, tau, last);
        const m = kappa - tau;
        const q =
          (2 / (n + m)) * cross -
          (n > 1 ? ((2 * m) / ((n + m) * (n - 1))) * withinX : 0) -
          (m > 1 ? ((2 * n) / ((n + m) * (m - 1))) * withinY : 0);
        if (best === undefined || q > best.qhat) best = { index: tau, qhat: q };
      }
    }
    return best;
  }
}
