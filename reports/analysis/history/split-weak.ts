import { shiftAt, type ChangePoint } from './change-point.js';
import { eDivisive } from './e-divisive.js';

/**
 * The split step of Hunter (Fleming et al. 2023): E-divisive over sliding windows of
 * `windowLen` points that advance by half a window (or to the last point found), so a shift
 * is judged against its own neighbourhood rather than the whole history. The union of what the
 * windows find are the "weak" change points, each then tested against its neighbours in the
 * whole series.
 */
export function splitWeak(
  series: readonly number[],
  windowLen: number,
  maxP: number,
): ChangePoint[] {
  if (!Number.isInteger(windowLen) || windowLen < 2) {
    throw new RangeError(
      `the window must be a whole number of at least 2 points (got ${windowLen})`,
    );
  }
  const step = Math.floor(windowLen / 2);
  const byIndex = new Map<number, ChangePoint>();
  let start = 0;
  while (start < series.length) {
    const end = Math.min(start + windowLen, series.length);
    const found = eDivisive(series.slice(start, end), maxP).map((c) => ({
      ...c,
      index: c.index + start,
    }));
    const last = found.at(-1)?.index ?? 0;
    start = Math.max(last, start + step);
    for (const c of found) if (!byIndex.has(c.index)) byIndex.set(c.index, c);
  }
  const weak = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const boundaries = weak.map((c) => c.index);
  return weak.map((c) => ({ ...c, stats: shiftAt(series, c.index, boundaries) }));
}
