import { sampleCorrelation } from 'simple-statistics';

type Grid = readonly (number | null)[];

const usable = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** Indexes of the present values, sorted by value: computed once per series. */
export function valueOrder(series: Grid): Uint32Array {
  const idx: number[] = [];
  for (let i = 0; i < series.length; i++) if (usable(series[i])) idx.push(i);
  const order = Uint32Array.from(idx);
  order.sort((a, b) => (series[a] as number) - (series[b] as number));
  return order;
}

/**
 * Midranks (ties share the average rank) of the values at the kept indexes, walking an order
 * sorted once for the whole series: the order of a subset by value is the full order filtered,
 * so each lag costs O(n) instead of a sort.
 */
function subsetRanks(series: Grid, order: Uint32Array, keep: (i: number) => boolean): Float64Array {
  const ranks = new Float64Array(series.length);
  const kept: number[] = [];
  for (const i of order) if (keep(i)) kept.push(i);
  let a = 0;
  while (a < kept.length) {
    let b = a;
    while (b + 1 < kept.length && series[kept[b + 1] as number] === series[kept[a] as number]) b++;
    const rank = (a + b) / 2;
    for (let k = a; k <= b; k++) ranks[kept[k] as number] = rank;
    a = b + 1;
  }
  return ranks;
}

/**
 * Spearman's rho of x at second i against y at second i + lag, over the seconds where both are
 * present: exactly Pearson of the midranks of those pairs, with each series sorted only once.
 */
export function laggedSpearman(
  x: Grid,
  y: Grid,
  lag: number,
  xOrder: Uint32Array,
  yOrder: Uint32Array,
): number {
  const n = Math.min(x.length, y.length);
  const paired = (i: number): boolean =>
    i >= 0 && i < n && i + lag >= 0 && i + lag < n && usable(x[i]) && usable(y[i + lag]);
  const rx = subsetRanks(x, xOrder, paired);
  const ry = subsetRanks(y, yOrder, (j) => paired(j - lag));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = Math.max(0, -lag); i < n && i + lag < n; i++) {
    if (!paired(i)) continue;
    xs.push(rx[i] as number);
    ys.push(ry[i + lag] as number);
  }
  return sampleCorrelation(xs, ys);
}
