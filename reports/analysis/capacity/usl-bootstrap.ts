import { quantileSorted } from 'simple-statistics';
import { seededRandom } from './seeded-random.js';
import { fitUsl, type LoadPoint, type UslFit } from './usl-fit.js';
import {
  amdahlLimit,
  peakConcurrency,
  peakThroughput,
  uslThroughput,
  type UslParams,
} from './usl.js';

/** A central interval; `high` may be Infinity (no crosstalk in some resamples: no peak). */
export interface Interval {
  low: number;
  high: number;
}

export interface UslIntervals {
  sigma: Interval;
  kappa: Interval;
  lambda: Interval;
  peakConcurrency: Interval;
  peakThroughput: Interval;
  amdahlLimit: Interval;
  /** Resamples that gave a fit (a resample needs three distinct concurrencies). */
  resamples: number;
  level: number;
}

/** The fitted curve and its pointwise band, on a grid of concurrencies, for the charts. */
export interface UslBand {
  n: number[];
  fit: number[];
  low: number[];
  high: number[];
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** Central coverage, e.g. 0.95. */
  level?: number;
  /** Concurrencies at which the band is drawn. */
  grid?: readonly number[];
}

/**
 * Percentile bootstrap over the steps: resample the measured steps with replacement, refit,
 * and read the spread of each figure. Each refit starts from the full fit (and the default
 * start), so a resample lands in the same basin unless its data move it.
 */
export function bootstrapUsl(
  points: readonly LoadPoint[],
  full: UslFit,
  opts: BootstrapOptions = {},
): { intervals: UslIntervals; band: UslBand } {
  const resamples = opts.resamples ?? 200;
  const level = opts.level ?? 0.95;
  const random = seededRandom(opts.seed ?? 1);
  const grid = opts.grid ?? defaultGrid(points);
  const fits: UslParams[] = [];
  const starts = [full.params, { sigma: 0.1, kappa: 0, lambda: full.params.lambda }];
  // Degenerate resamples (fewer than three distinct steps) are redrawn, within a budget.
  for (let tries = 0; fits.length < resamples && tries < resamples * 5; tries++) {
    const sample = points.map(() => points[Math.floor(random() * points.length)] as LoadPoint);
    const fit = fitUsl(sample, { starts, maxIterations: 100 });
    if (fit) fits.push(fit.params);
  }
  const interval = (values: number[]): Interval => {
    const sorted = values.sort((a, b) => a - b);
    if (sorted.length === 0) return { low: NaN, high: NaN };
    return {
      low: quantileSorted(sorted, (1 - level) / 2),
      high: quantileSorted(sorted, 1 - (1 - level) / 2),
    };
  };
  const of = (f: (p: UslParams) => number): Interval => interval(fits.map(f));
  const band: UslBand = { n: [...grid], fit: [], low: [], high: [] };
  for (const n of grid) {
    const at = of((p) => uslThroughput(p, n));
    band.fit.push(uslThroughput(full.params, n));
    band.low.push(at.low);
    band.high.push(at.high);
  }
  return {
    intervals: {
      sigma: of((p) => p.sigma),
      kappa: of((p) => p.kappa),
      lambda: of((p) => p.lambda),
      peakConcurrency: of(peakConcurrency),
      peakThroughput: of(peakThroughput),
      amdahlLimit: of(amdahlLimit),
      resamples: fits.length,
      level,
    },
    band,
  };
}

/** From 0 to 1.5× the largest measured concurrency: the measured range and a little past it. */
function defaultGrid(points: readonly LoadPoint[]): number[] {
  const top = Math.max(...points.map((p) => p.n)) * 1.5;
  return Array.from({ length: 61 }, (_, i) => (top * i) / 60);
}
