import { shiftAt, type ChangePoint } from './change-point.js';
import type { ChangePointOptions } from './change-points.js';
import { mergeWeak } from './merge-weak.js';

/**
 * Otava's merge step leaves the point just before a removed one with the test it had while
 * that neighbour still stood (see merge-weak.ts), so a point can survive on a side of one run
 * that no longer exists. This re-tests every point between its final neighbours and merges
 * again, until nothing more goes: what remains is supported by the data as it is now divided,
 * and its figures (means, shift, p) describe exactly those sides. Only ever removes points.
 */
export function confirmChangePoints(
  series: readonly number[],
  points: readonly ChangePoint[],
  options: Pick<ChangePointOptions, 'maxP' | 'minMagnitude'>,
): ChangePoint[] {
  let current = [...points];
  for (;;) {
    const boundaries = current.map((c) => c.index);
    const fresh = current.map((c) => ({ ...c, stats: shiftAt(series, c.index, boundaries) }));
    const kept = mergeWeak(series, fresh, options.maxP, options.minMagnitude);
    if (kept.length === fresh.length) return fresh;
    current = kept;
  }
}
