import { quantileSorted } from 'simple-statistics';
import { resampleSide } from './block-bootstrap.js';
import { seededRandom } from './seeded-random.js';
import type { SideEvaluator } from './side-evaluator.js';

export interface BootstrapInterval {
  low: number;
  high: number;
  /** Two-sided: how often the resampled difference falls on the far side of zero, doubled. */
  p: number;
  /** Resamples that gave the metric a value on both sides. */
  valid: number;
}

/**
 * The bootstrap distribution of candidate − base for every metric at once: each resample
 * draws both sides (runs with replacement, then circular blocks of seconds within each run),
 * and every metric is computed on that same draw. Percentile interval at 1 − alpha; the
 * p-value counts resamples on either side of zero (+1 each, so it is never 0).
 */
export function bootstrapDifferences(opts: {
  base: SideEvaluator;
  candidate: SideEvaluator;
  baseLengths: readonly number[];
  candidateLengths: readonly number[];
  metricCount: number;
  blockLength: number;
  resamples: number;
  seed: number;
  alpha: number;
}): BootstrapInterval[] {
  const random = seededRandom(opts.seed);
  const diffs = Array.from({ length: opts.metricCount }, () => new Float64Array(opts.resamples));
  for (let r = 0; r < opts.resamples; r++) {
    const b = opts.base.evaluate(resampleSide(opts.baseLengths, opts.blockLength, random));
    const c = opts.candidate.evaluate(
      resampleSide(opts.candidateLengths, opts.blockLength, random),
    );
    for (let m = 0; m < opts.metricCount; m++) diffs[m]![r] = c[m]! - b[m]!;
  }
  return diffs.map((d) => interval(d, opts.alpha));
}

function interval(diffs: Float64Array, alpha: number): BootstrapInterval {
  const finite = [...diffs].filter(Number.isFinite).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return { low: NaN, high: NaN, p: NaN, valid: 0 };
  let below = 0;
  let above = 0;
  for (const d of finite) {
    if (d <= 0) below++;
    if (d >= 0) above++;
  }
  return {
    low: quantileSorted(finite, alpha / 2),
    high: quantileSorted(finite, 1 - alpha / 2),
    p: Math.min(1, (2 * (Math.min(below, above) + 1)) / (n + 1)),
    valid: n,
  };
}
