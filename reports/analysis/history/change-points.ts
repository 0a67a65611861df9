import type { ChangePoint } from './change-point.js';
import { mergeWeak } from './merge-weak.js';
import { splitWeak } from './split-weak.js';

/** How change points are found; the defaults are Otava's. */
export interface ChangePointOptions {
  /** Points per sliding window of the split step (`--window`). */
  windowLen: number;
  /** Significance a change point must reach (`--max-p`). */
  maxP: number;
  /** Smallest relative shift of the mean worth reporting, 0.05 = 5 % (`--min-magnitude`). */
  minMagnitude: number;
}

export const DEFAULT_CHANGE_POINT_OPTIONS: ChangePointOptions = {
  windowLen: 30,
  maxP: 0.001,
  minMagnitude: 0.05,
};

/**
 * The split step runs at a looser significance than asked (10× below 0.05, 2× below 0.5), so
 * candidates that only pass once their neighbours are merged away are not lost early.
 */
export function firstPassP(maxP: number): number {
  if (maxP < 0.05) return maxP * 10;
  if (maxP < 0.5) return maxP * 2;
  return maxP;
}

/**
 * Change points of one series of figures over runs, as Hunter (Fleming et al. 2023, now Apache
 * Otava) finds them: E-divisive means over sliding windows with Student's t-test, then weak
 * points merged away. Pure and deterministic; by index.
 */
export function changePoints(
  series: readonly number[],
  options: ChangePointOptions = DEFAULT_CHANGE_POINT_OPTIONS,
): ChangePoint[] {
  if (series.length < 2) return [];
  const weak = splitWeak(series, options.windowLen, firstPassP(options.maxP));
  return mergeWeak(series, weak, options.maxP, options.minMagnitude);
}
