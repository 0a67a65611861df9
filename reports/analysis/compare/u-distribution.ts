/**
 * The exact null distribution of the Mann–Whitney U statistic, ties included: under "no
 * difference" every way of choosing which n1 of the N pooled values came from the first sample
 * is equally likely, so P(U = u) is the share of those choices giving u. Tied values share
 * their average rank, and a tie group of size t contributes C(t, c) choices of c members.
 *
 * Counted by dynamic programming over the tie groups in rank order, on 2·R (twice the rank sum
 * of the first sample, an integer even with averaged ranks). This is the distribution Klotz
 * (1966) tabulates and benchstat uses; the algorithm here is the plain knapsack over groups.
 */

/** Sizes of the groups of equal values in the pooled, sorted sample (all 1 without ties). */
export function tieGroupSizes(pooledSorted: readonly number[]): number[] {
  const sizes: number[] = [];
  for (let i = 0; i < pooledSorted.length;) {
    let j = i + 1;
    while (j < pooledSorted.length && pooledSorted[j] === pooledSorted[i]) j++;
    sizes.push(j - i);
    i = j;
  }
  return sizes;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * P(2U ≤ v) for each attainable 2U, as [2U values ascending, cumulative probabilities]: U of a
 * first sample of size n1 among groups of the given sizes.
 */
export function exactUDistribution(groupSizes: readonly number[], n1: number): UDistribution {
  const key = `${n1}:${groupSizes.join(',')}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const dist = count(groupSizes, n1);
  // Every metric of a comparison without ties has the same sizes: one count serves them all.
  if (memo.size >= 16) memo.delete(memo.keys().next().value!);
  memo.set(key, dist);
  return dist;
}

export interface UDistribution {
  /** Attainable values of 2U, ascending. */
  twoU: number[];
  /** P(2U ≤ twoU[i]). */
  cdf: number[];
}

const memo = new Map<string, UDistribution>();

function count(groupSizes: readonly number[], n1: number): UDistribution {
  const total = groupSizes.reduce((a, b) => a + b, 0);
  const width = 2 * n1 * (total + 1) + 1; // 2·R never exceeds 2·n1·N
  // ways[k * width + twoR]: choices of k members so far whose doubled rank sum is twoR.
  let ways = new Float64Array((n1 + 1) * width);
  ways[0] = 1;
  let start = 0;
  for (const size of groupSizes) {
    const twoRank = 2 * start + size + 1; // twice the group's average rank
    const next = new Float64Array(ways.length);
    const choices = Array.from({ length: size + 1 }, (_, c) => binomial(size, c));
    const reach = Math.min(n1, start);
    for (let k = 0; k <= reach; k++) {
      const row = k * width;
      for (let r = 0; r < width; r++) {
        const w = ways[row + r]!;
        if (w === 0) continue;
        for (let c = 0; c <= size && k + c <= n1; c++) {
          next[(k + c) * width + r + c * twoRank]! += w * choices[c]!;
        }
      }
    }
    ways = next;
    start += size;
  }
  const all = binomial(total, n1);
  const twoU: number[] = [];
  const cdf: number[] = [];
  const offset = n1 * (n1 + 1);
  let acc = 0;
  const row = n1 * width;
  for (let r = 0; r < width; r++) {
    const w = ways[row + r]!;
    if (w === 0) continue;
    acc += w / all;
    twoU.push(r - offset);
    cdf.push(Math.min(1, acc));
  }
  return { twoU, cdf };
}

/** P(2U ≤ v) from a distribution made by exactUDistribution. */
export function cdfAt(dist: UDistribution, twoU: number): number {
  let p = 0;
  for (let i = 0; i < dist.twoU.length && dist.twoU[i]! <= twoU + 1e-9; i++) p = dist.cdf[i]!;
  return p;
}
