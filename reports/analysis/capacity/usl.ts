/**
 * The Universal Scalability Law (Gunther): X(N) = λN / (1 + σ(N−1) + κN(N−1)). σ is contention
 * (the share of work that queues for something serial), κ is coherency or crosstalk (the cost
 * every worker pays to agree with every other one), λ the throughput of one worker alone.
 */
export interface UslParams {
  sigma: number;
  kappa: number;
  lambda: number;
}

/** Throughput the model predicts at concurrency `n`. */
export function uslThroughput(p: UslParams, n: number): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

/** N* = √((1−σ)/κ): where throughput peaks, and beyond which more load lowers it. */
export function peakConcurrency(p: UslParams): number {
  return p.kappa > 0 ? Math.sqrt((1 - p.sigma) / p.kappa) : Infinity;
}

/** X_max: throughput at N*; with no crosstalk (κ = 0) the Amdahl asymptote λ/σ, never reached. */
export function peakThroughput(p: UslParams): number {
  const n = peakConcurrency(p);
  return Number.isFinite(n) ? uslThroughput(p, n) : amdahlLimit(p);
}

/** λ/σ: the ceiling contention alone would allow (Amdahl's law), crosstalk aside. */
export function amdahlLimit(p: UslParams): number {
  return p.sigma > 0 ? p.lambda / p.sigma : Infinity;
}
