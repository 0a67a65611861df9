/**
 * Series on the 1 s client grid: one value (or null, a gap) per second of `Timeline.t`.
 * Nothing here fills a gap: a pair with a gap on either side is left out.
 */
export type GridSeries = readonly (number | null)[];

const usable = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/**
 * Pairs (x at second i, y at second i + lagSec) where both are present. A positive lag pairs
 * x with what y did `lagSec` seconds LATER, so "x leads y by lagSec".
 */
export function laggedPairs(
  x: GridSeries,
  y: GridSeries,
  lagSec: number,
): { x: number[]; y: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  const n = Math.min(x.length, y.length);
  for (let i = Math.max(0, -lagSec); i < n && i + lagSec < n; i++) {
    const a = x[i];
    const b = y[i + lagSec];
    if (usable(a) && usable(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  return { x: xs, y: ys };
}

/**
 * Samples stamped in unix seconds, placed on a grid of unix seconds: a sample lands on the
 * second it falls in; a second with no sample is null. Later samples in a second win.
 */
export function alignOnGrid(
  grid: readonly number[],
  samples: readonly { t: number; value: number }[],
): (number | null)[] {
  const bySecond = new Map<number, number>();
  for (const s of samples) if (Number.isFinite(s.value)) bySecond.set(Math.floor(s.t), s.value);
  return grid.map((t) => bySecond.get(t) ?? null);
}

/** Grid indices within `toleranceSec` seconds of index i, clamped to the grid. */
export function neighbours(length: number, i: number, toleranceSec: number): number[] {
  const out: number[] = [];
  for (let j = Math.max(0, i - toleranceSec); j <= Math.min(length - 1, i + toleranceSec); j++)
    out.push(j);
  return out;
}
