import type { RankedSeries } from './ranked-series.js';

/** Pearson and Spearman of x at second i against y at second i + lag, over the present pairs. */
export interface LaggedCoefficients {
  /** Seconds where both values are present at that lag. */
  n: number;
  /** NaN when either side is constant, or there are fewer pairs than asked for. */
  pearson: number;
  /** Pearson of the midranks; NaN as for `pearson`. */
  spearman: number;
}

/**
 * Both coefficients in a few linear passes over typed arrays: the pairs are gathered once, and
 * ranked by counting each series' tie groups (each series was sorted once, for every lag).
 * Below `minPairs` (at least 2) pairs, only `n` is computed.
 */
export function laggedCorrelation(
  x: RankedSeries,
  y: RankedSeries,
  lag: number,
  minPairs = 2,
): LaggedCoefficients {
  const length = Math.min(x.values.length, y.values.length);
  const from = Math.max(0, -lag);
  const to = Math.min(length, length - lag);
  const room = Math.max(0, to - from);
  const xs = scratch.floats(0, room);
  const ys = scratch.floats(1, room);
  const xGroups = scratch.ints(0, room);
  const yGroups = scratch.ints(1, room);
  let n = 0;
  for (let i = from; i < to; i++) {
    const a = x.values[i]!;
    const b = y.values[i + lag]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    xs[n] = a;
    ys[n] = b;
    xGroups[n] = x.group[i]!;
    yGroups[n] = y.group[i + lag]!;
    n++;
  }
  if (n < Math.max(2, minPairs)) return { n, pearson: NaN, spearman: NaN };
  const xRanks = midranks(xGroups, n, x.groups, scratch.floats(2, n));
  const yRanks = midranks(yGroups, n, y.groups, scratch.floats(3, n));
  // Midranks of n pairs always add up to n(n-1)/2, exactly (half-integers, far below 2^53): the
  // compensated sum would come to that very number, so its mean is known without a pass.
  const meanRank = (n * (n - 1)) / 2 / n;
  const spearman = pearson(xRanks, yRanks, n, meanRank, meanRank);
  return { n, pearson: pearson(xs, ys, n), spearman };
}

/** Each pair's 0-based midrank among the pairs (ties share the mean of their ranks). */
function midranks(groups: Int32Array, n: number, groupCount: number, ranks: Float64Array) {
  const count = scratch.ints(2, groupCount).fill(0, 0, groupCount);
  for (let k = 0; k < n; k++) count[groups[k]!]!++;
  const rankOf = scratch.floats(4, groupCount);
  let below = 0;
  for (let g = 0; g < groupCount; g++) {
    const c = count[g]!;
    if (c === 0) continue;
    rankOf[g] = (below + (below + c - 1)) / 2;
    below += c;
  }
  for (let k = 0; k < n; k++) ranks[k] = rankOf[groups[k]!]!;
  return ranks;
}

/**
 * Work arrays kept between calls, by slot: a day-long run correlates 231 series pairs and lags
 * of 86,400 seconds each, and fresh arrays for each cost more in allocation and collection
 * than the arithmetic. Every call writes before it reads; none holds on to them.
 */
const scratch = {
  floatSlots: [] as Float64Array[],
  intSlots: [] as Int32Array[],
  floats(slot: number, size: number): Float64Array {
    const have = this.floatSlots[slot];
    if (have && have.length >= size) return have;
    return (this.floatSlots[slot] = new Float64Array(size));
  },
  ints(slot: number, size: number): Int32Array {
    const have = this.intSlots[slot];
    if (have && have.length >= size) return have;
    return (this.intSlots[slot] = new Int32Array(size));
  },
};

/**
 * simple-statistics' sampleCorrelation operation for operation (compensated sums for the means,
 * then covariance and variances, Bessel-corrected), so every figure matches it to the last
 * bit, but over typed arrays the pairs were gathered into instead of fresh arrays per lag.
 */
function pearson(
  a: Float64Array,
  b: Float64Array,
  n: number,
  meanA = compensatedSum(a, n) / n,
  meanB = compensatedSum(b, n) / n,
): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < n; k++) {
    const da = a[k]! - meanA;
    const db = b[k]! - meanB;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / (n - 1) / Math.sqrt(aa / (n - 1)) / Math.sqrt(bb / (n - 1));
}

/** Kahan-Babuška summation, as simple-statistics' `sum` does it. */
function compensatedSum(values: Float64Array, n: number): number {
  if (n === 0) return 0;
  let sum = values[0]!;
  let correction = 0;
  for (let k = 1; k < n; k++) {
    const v = values[k]!;
    const next = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) correction += sum - next + v;
    else correction += v - next + sum;
    sum = next;
  }
  return sum + correction;
}
