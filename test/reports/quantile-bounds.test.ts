import { describe, expect, it } from 'vitest';
import { quantileRanks } from '../../reports/analysis/stats/quantile-bounds.js';
import { summarise } from '../../reports/analysis/summary.js';
import { httpBucket, runData } from './fixtures/run-data-builder.js';

describe('quantileRanks: distribution-free bounds of a percentile', () => {
  it('gives the published ranks: the 40th and 61st of 100 for the median (Campbell & Gardner, BMJ 1988)', () => {
    expect(quantileRanks(100, 50)).toMatchObject({ lowRank: 40, highRank: 61 });
  });

  it('narrows, relative to n, as the sample grows, and stays inside 1..n', () => {
    const small = quantileRanks(1_500, 99);
    const large = quantileRanks(150_000, 99);
    // 1,500 requests: the p99 could be anywhere from about p98.5 to p99.6.
    expect(small.lowPercentile).toBeCloseTo(98.47, 1);
    expect(small.highPercentile).toBeCloseTo(99.6, 1);
    expect(large.highPercentile - large.lowPercentile).toBeLessThan(0.11);
    expect(quantileRanks(10, 99)).toMatchObject({ lowRank: 9, highRank: 10 });
  });
});

describe('summarise: latencyBounds', () => {
  it('brackets the p95 and p99 with the histogram values at the bounding ranks', () => {
    // 1,000 requests: 1..1000 ms, one each.
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const run = runData([httpBucket(1_700_000_000, [{ name: '/a', durationsMs: values }])]);
    const bounds = summarise(run).latencyBounds;
    // p99: ranks 990 ± 1.96·√9.9 → 984 and 997 (rounded); HDR keeps 3 significant digits.
    expect(bounds?.p99.lowMs).toBeCloseTo(984, -1);
    expect(bounds?.p99.highMs).toBeCloseTo(997, -1);
    expect(bounds?.p95.lowMs).toBeLessThan(950);
    expect(bounds?.p95.highMs).toBeGreaterThan(950);
  });

  it('is absent without requests', () => {
    expect(summarise(runData([])).latencyBounds).toBeUndefined();
  });
});
