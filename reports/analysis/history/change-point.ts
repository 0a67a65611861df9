import { tTest, type ShiftStats } from './t-test.js';

/** A change point: the series shifts before `index` (the first point of the new level). */
export interface ChangePoint {
  index: number;
  /** The E-divisive divergence that proposed it. */
  qhat: number;
  /** Its two sides, between the neighbouring change points (or the series' ends). */
  stats: ShiftStats;
}

/**
 * The t-test of a change point against its neighbours: the left side runs from the nearest
 * boundary before `index` (or 0), the right side to the nearest boundary after it (or the
 * end). `boundaries` are the other change points, sorted; one equal to `index` is itself.
 */
export function shiftAt(
  series: readonly number[],
  index: number,
  boundaries: readonly number[],
): ShiftStats {
  let from = 0;
  let to = series.length;
  for (const b of boundaries) {
    if (b < index) from = b;
    else if (b > index) {
      to = b;
      break;
    }
  }
  return tTest(series.slice(from, index), series.slice(index, to));
}

/** The spans between sorted change points: [0, c1), [c1, c2), …, [ck, length); none empty. */
export function spans(
  boundaries: readonly number[],
  length: number,
): { start: number; end: number }[] {
  const edges = [0, ...boundaries, length];
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i] as number;
    const end = edges[i + 1] as number;
    if (end > start) out.push({ start, end });
  }
  return out;
}
