/**
 * Downsampling for charts that keeps extremes: a run of `bucketSec` seconds becomes two points
 * holding each series' minimum and maximum in the order they happened, so a one-second spike
 * (or stall) survives however far a day-long soak is zoomed out. Pure.
 */
export interface SeriesGrid {
  /** Unix seconds, ascending. */
  t: number[];
  series: (number | null)[][];
}

export interface Downsampled extends SeriesGrid {
  /** Seconds folded into each pair of points; 1 when the data was kept as is. */
  bucketSec: number;
}

export function downsampleMinMax(grid: SeriesGrid, maxPoints: number): Downsampled {
  const n = grid.t.length;
  if (n <= maxPoints) return { ...grid, bucketSec: 1 };
  // Two points per bucket, so buckets of `width` seconds give at most maxPoints points.
  const width = Math.ceil((2 * n) / Math.max(2, maxPoints));
  const t: number[] = [];
  const series: (number | null)[][] = grid.series.map(() => []);
  for (let start = 0; start < n; start += width) {
    const end = Math.min(start + width, n);
    const pair = end - start >= 2;
    t.push(grid.t[start]!);
    if (pair) t.push(grid.t[start + Math.floor((end - start) / 2)]!);
    grid.series.forEach((values, s) => {
      const out = series[s]!;
      const [first, second] = extremes(values, start, end);
      out.push(first);
      if (pair) out.push(second);
    });
  }
  return { t, series, bucketSec: width };
}

/** [earlier extreme, later extreme] of values[start..end), nulls ignored; both null if all are. */
function extremes(
  values: readonly (number | null)[],
  start: number,
  end: number,
): [number | null, number | null] {
  let min = Infinity;
  let max = -Infinity;
  let minAt = -1;
  let maxAt = -1;
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (v < min) [min, minAt] = [v, i];
    if (v > max) [max, maxAt] = [v, i];
  }
  if (minAt < 0) return [null, null];
  return minAt <= maxAt ? [min, max] : [max, min];
}
