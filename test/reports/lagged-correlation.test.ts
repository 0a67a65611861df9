import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { laggedPairs } from '../../reports/analysis/correlation/align.js';
import { laggedCorrelation } from '../../reports/analysis/stats/lagged-correlation.js';
import { rankSeries, valueOrder } from '../../reports/analysis/stats/ranked-series.js';
import { seededRandom } from '../helpers/seeded-random.js';

/** Gaps (null, NaN, Infinity), ties, -0 beside 0, and values that make sums round. */
function messy(n: number, seed: number): (number | null)[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    if (i % 19 === 0) return null;
    if (i % 31 === 0) return i % 2 ? NaN : Infinity;
    if (i % 13 === 0) return i % 2 ? -0 : 0;
    return random() < 0.3 ? Math.round(random() * 5) : random() * 1e6 * Math.PI;
  });
}

/** 0-based midranks (ties share the mean of their ranks), the plain way. */
function midranks(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks: number[] = [];
  for (let a = 0; a < order.length;) {
    let b = a;
    while (b + 1 < order.length && values[order[b + 1]!] === values[order[a]!]) b++;
    for (let k = a; k <= b; k++) ranks[order[k]!] = (a + b) / 2;
    a = b + 1;
  }
  return ranks;
}

describe('laggedCorrelation', () => {
  const x = messy(500, 1);
  const y = messy(480, 2);
  const rx = rankSeries(x);
  const ry = rankSeries(y);

  it.each([-7, -1, 0, 1, 3, 479])(
    'equals simple-statistics on the lagged pairs to the last bit, lag %i',
    (lag) => {
      const pairs = laggedPairs(x, y, lag);
      const c = laggedCorrelation(rx, ry, lag);
      expect(c.n).toBe(pairs.x.length);
      if (pairs.x.length < 2) {
        expect([c.pearson, c.spearman]).toEqual([NaN, NaN]);
        return;
      }
      expect(c.pearson).toBe(sampleCorrelation(pairs.x, pairs.y));
      expect(c.spearman).toBe(sampleCorrelation(midranks(pairs.x), midranks(pairs.y)));
      expect(c.spearman).toBeCloseTo(sampleRankCorrelation(pairs.x, pairs.y), 12);
    },
  );

  it('counts the pairs but computes nothing below minPairs', () => {
    const c = laggedCorrelation(rx, ry, 0, 10_000);
    expect(c.n).toBe(laggedPairs(x, y, 0).x.length);
    expect(c.pearson).toBeNaN();
    expect(c.spearman).toBeNaN();
  });
});

describe('rankSeries and valueOrder', () => {
  it('orders present values as a stable sort does, gaps left out', () => {
    const x = messy(300, 3);
    const present = x.flatMap((v, i) => (v !== null && Number.isFinite(v) ? [i] : []));
    const stable = [...present].sort((a, b) => (x[a] as number) - (x[b] as number));
    expect([...valueOrder(x)]).toEqual(stable);
  });

  it('numbers tie groups in value order, 0 and -0 in one, gaps in none', () => {
    const series = [3, null, 1, 3, -0, 0, NaN, 1];
    const { group, groups } = rankSeries(series);
    expect([...group]).toEqual([2, -1, 1, 2, 0, 0, -1, 1]);
    expect(groups).toBe(3);
    expect(rankSeries(series, valueOrder(series))).toEqual(rankSeries(series));
  });
});
