import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changePoints } from '../../../reports/analysis/history/change-points.js';
import { eDivisive } from '../../../reports/analysis/history/e-divisive.js';
import { shiftAt } from '../../../reports/analysis/history/change-point.js';

interface TigerBeetle {
  series: number[];
  cases: {
    test: string;
    windowLen: number;
    maxP: number;
    minMagnitude: number;
    indexes: number[];
  }[];
}
const tigerBeetle = JSON.parse(
  readFileSync(new URL('../../fixtures/history/otava-tigerbeetle.json', import.meta.url), 'utf8'),
) as TigerBeetle;

describe('change points match Apache Otava on the TigerBeetle series (tests/tigerbeetle_test.py)', () => {
  it.each(tigerBeetle.cases)(
    '$test: window $windowLen, p $maxP, magnitude $minMagnitude',
    ({ windowLen, maxP, minMagnitude, indexes }) => {
      const found = changePoints(tigerBeetle.series, { windowLen, maxP, minMagnitude });
      expect(found.map((c) => c.index)).toEqual(indexes);
    },
  );
});

describe('change points match Apache Otava tests/analysis_test.py', () => {
  const single = [
    1.02, 0.95, 0.99, 1.0, 1.12, 1.0, 1.01, 0.98, 1.01, 0.96, 0.5, 0.51, 0.48, 0.48, 0.55, 0.5,
    0.49, 0.51, 0.5, 0.49,
  ];
  it('test_single_series: one drop at 10 (window 10, p 0.0001)', () => {
    expect(
      changePoints(single, { windowLen: 10, maxP: 0.0001, minMagnitude: 0 }).map((c) => c.index),
    ).toEqual([10]);
  });

  it('test_significance_tester: p ≈ 1 for no shift, 0 < p < 0.001 for a 20 % drop', () => {
    const flat = [1.0, 1.02, 1.05, 0.95, 0.98, 1.0, 1.02, 1.05, 0.95, 0.98];
    const p1 = shiftAt(flat, 5, []).pValue;
    expect(p1).toBeGreaterThan(0.99);
    expect(p1).toBeLessThan(1.01);
    const drop = [1.0, 1.02, 1.05, 0.95, 0.98, 0.8, 0.82, 0.85, 0.79, 0.77];
    const p2 = shiftAt(drop, 5, []).pValue;
    expect(p2).toBeGreaterThan(0);
    expect(p2).toBeLessThan(0.001);
  });

  it('change_point_divisive_test test_ttest: E-divisive with the t-test (p 0.01) finds [5, 8]', () => {
    const sequence = [
      0.3, 2.4, 1.5, -0.9, -0.5, 99.7, 98.3, 99.1, 149.0, 149.7, 149.5, 149.1, 148.8, 150.0,
    ];
    expect(eDivisive(sequence, 0.01).map((c) => c.index)).toEqual([5, 8]);
  });
});
