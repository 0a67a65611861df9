/** A series on the 1 s grid: one value per second, null (or a non-finite number) for a gap. */
export type Grid = readonly (number | null | undefined)[];

/**
 * A grid series prepared once for every lag it is correlated at: its values with gaps as NaN,
 * and each present second's tie group (equal values share one; groups are numbered in value
 * order; -1 for a gap). Ranks of any subset of seconds follow from counting groups.
 */
export interface RankedSeries {
  values: Float64Array;
  group: Int32Array;
  /** Count of distinct present values: group ids are below it. */
  groups: number;
}

const usable = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/**
 * Sorts the present values natively (no comparator call per comparison, several times faster
 * on a day of seconds) and finds each second's group among the distinct ones by binary search;
 * or, given the series' valueOrder, reads the groups off it. -0 and 0 share a group: they are
 * equal, as they are for ranks.
 */
export function rankSeries(series: Grid, order?: Uint32Array): RankedSeries {
  const values = new Float64Array(series.length);
  const group = new Int32Array(series.length).fill(-1);
  let present = 0;
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    values[i] = usable(v) ? v : NaN;
    if (usable(v)) present++;
  }
  if (order) {
    let id = -1;
    for (let k = 0; k < order.length; k++) {
      if (k === 0 || values[order[k]!] !== values[order[k - 1]!]) id++;
      group[order[k]!] = id;
    }
    return { values, group, groups: id + 1 };
  }
  const sorted = new Float64Array(present);
  for (let i = 0, k = 0; i < values.length; i++)
    if (!Number.isNaN(values[i])) sorted[k++] = values[i]!;
  sorted.sort();
  let groups = 0;
  for (let k = 0; k < present; k++) {
    if (k === 0 || sorted[k] !== sorted[groups - 1]) sorted[groups++] = sorted[k]!;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    let lo = 0;
    let hi = groups;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    group[i] = lo;
  }
  return { values, group, groups };
}

/** Indexes of the present values, sorted by value (ties in index order). */
export function valueOrder(series: Grid): Uint32Array {
  const { group, groups } = rankSeries(series);
  const start = new Int32Array(groups + 1);
  for (const g of group) if (g >= 0) start[g + 1]!++;
  for (let g = 1; g <= groups; g++) start[g]! += start[g - 1]!;
  const order = new Uint32Array(start[groups]!);
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    if (g >= 0) order[start[g]!++] = i;
  }
  return order;
}
