import { bootstrapUsl, type Interval, type UslBand } from './usl-bootstrap.js';
import { fitUsl, type LoadPoint } from './usl-fit.js';
import { amdahlLimit, peakConcurrency, peakThroughput, type UslParams } from './usl.js';

/** A figure with its bootstrap interval. Infinity: unbounded (no peak without crosstalk). */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export interface UslSummary {
  sigma: Estimate;
  kappa: Estimate;
  lambda: Estimate;
  /** N* = √((1−σ)/κ) */
  peakConcurrency: Estimate;
  /** X_max = X(N*) */
  peakThroughput: Estimate;
  /** λ/σ */
  amdahlLimit: Estimate;
  rSquared: number;
  points: number;
  /** Bootstrap resamples that gave a fit, and the interval's coverage. */
  resamples: number;
  level: number;
  /** Whether the fit may be used beyond the measured range; `refusal` says why not. */
  extrapolate: boolean;
  refusal: string | null;
  /** Which term bends the curve more at the largest measured N. */
  limitedBy: 'contention' | 'coherency' | 'neither';
  band: UslBand;
  params: UslParams;
}

export interface FitRules {
  /** Below this R², the fit describes the data too poorly to extrapolate. */
  minRSquared: number;
  /** With fewer steps a three-parameter fit is not constrained enough to extrapolate. */
  minSteps: number;
  resamples: number;
  seed: number;
  level: number;
}

export const DEFAULT_FIT_RULES: FitRules = {
  minRSquared: 0.9,
  minSteps: 6,
  resamples: 200,
  seed: 1,
  level: 0.95,
};

/** The USL fitted to the points with bootstrap intervals, or null when it cannot be fitted. */
export function summariseUsl(
  points: readonly LoadPoint[],
  rules: FitRules,
  unit = 'steps',
): UslSummary | null {
  const fit = fitUsl(points);
  if (!fit) return null;
  const { intervals, band } = bootstrapUsl(points, fit, {
    resamples: rules.resamples,
    seed: rules.seed,
    level: rules.level,
  });
  const p = fit.params;
  const est = (value: number, i: Interval): Estimate => ({ value, low: i.low, high: i.high });
  const reasons: string[] = [];
  if (fit.points < rules.minSteps)
    reasons.push(`${fit.points} ${unit}, fewer than ${rules.minSteps}`);
  if (!(fit.rSquared >= rules.minRSquared)) {
    reasons.push(`R² ${fit.rSquared.toFixed(3)} below ${rules.minRSquared}`);
  }
  const nTop = Math.max(...points.map((q) => q.n));
  const contention = p.sigma * (nTop - 1);
  const coherency = p.kappa * nTop * (nTop - 1);
  return {
    sigma: est(p.sigma, intervals.sigma),
    kappa: est(p.kappa, intervals.kappa),
    lambda: est(p.lambda, intervals.lambda),
    peakConcurrency: est(peakConcurrency(p), intervals.peakConcurrency),
    peakThroughput: est(peakThroughput(p), intervals.peakThroughput),
    amdahlLimit: est(amdahlLimit(p), intervals.amdahlLimit),
    rSquared: fit.rSquared,
    points: fit.points,
    resamples: intervals.resamples,
    level: intervals.level,
    extrapolate: reasons.length === 0,
    refusal: reasons.length > 0 ? `not extrapolated: ${reasons.join('; ')}` : null,
    limitedBy:
      contention === 0 && coherency === 0
        ? 'neither'
        : contention >= coherency
          ? 'contention'
          : 'coherency',
    band,
    params: p,
  };
}
