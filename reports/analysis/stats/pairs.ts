/** Pairs of (x, y) where both are present: gaps in either series are left out, not filled. */
export function presentPairs(
  xs: readonly (number | null)[],
  ys: readonly (number | null)[],
): { x: number[]; y: number[]; index: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  const index: number[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const a = xs[i];
    const b = ys[i];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    x.push(a);
    y.push(b);
    index.push(i);
  }
  return { x, y, index };
}

export function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}
