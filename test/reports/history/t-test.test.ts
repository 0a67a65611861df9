import { describe, expect, it } from 'vitest';
import { shiftMagnitude, tTest } from '../../../reports/analysis/history/t-test.js';

/**
 * Reference p-values from scipy.stats.ttest_ind_from_stats (equal variances, two-sided) fed
 * with the population standard deviations, which is the call Otava makes.
 */
const SCIPY_CASES: [number[], number[], number][] = [
  [[1, 2, 3], [4, 5, 6], 0.010822550462608249],
  [[1.0, 1.02, 1.05, 0.95, 0.98], [0.8, 0.82, 0.85, 0.79, 0.77], 8.86790705295725e-6],
  [[10, 12, 11, 13, 12, 11, 10, 12], [30, 31, 29, 30, 32, 31, 30, 29], 1.3160485659587804e-15],
  [[5], [6, 7, 8], 0.16794970566215633],
];

describe('tTest', () => {
  it.each(SCIPY_CASES)('%j vs %j: p = %d as scipy gives it', (before, after, p) => {
    const got = tTest(before, after).pValue;
    expect(Math.abs(got - p) / p).toBeLessThan(1e-6);
  });

  it('reports the means and population standard deviations of both sides', () => {
    const s = tTest([1, 2, 3], [4, 5, 6]);
    expect(s).toMatchObject({ meanBefore: 2, meanAfter: 5 });
    expect(s.stdBefore).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it('gives 0 for two different constant sides and 1 for two equal ones or two single points', () => {
    expect(tTest([50, 50], [100, 100, 100]).pValue).toBe(0);
    expect(tTest([50, 50], [50]).pValue).toBe(1);
    expect(tTest([1], [2]).pValue).toBe(1);
  });

  it('refuses an empty side', () => {
    expect(() => tTest([], [1])).toThrow(/two non-empty sides/);
  });
});

describe('shiftMagnitude', () => {
  it('weighs a doubling and a halving the same', () => {
    expect(shiftMagnitude({ meanBefore: 100, meanAfter: 200 })).toBe(1);
    expect(shiftMagnitude({ meanBefore: 200, meanAfter: 100 })).toBe(1);
    expect(shiftMagnitude({ meanBefore: 100, meanAfter: 115 })).toBeCloseTo(0.15, 12);
  });

  it('counts a side whose mean is 0 as no relative change in that direction', () => {
    expect(shiftMagnitude({ meanBefore: 0, meanAfter: 0.02 })).toBe(1);
    expect(shiftMagnitude({ meanBefore: 0, meanAfter: 0 })).toBe(0);
  });
});
