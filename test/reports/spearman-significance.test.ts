import { describe, expect, it } from 'vitest';
import {
  effectivePairs,
  searchedPValue,
  spearmanPValue,
} from '../../reports/analysis/stats/spearman-significance.js';

describe('spearmanPValue', () => {
  it('matches the published example: IQ against hours of TV, ρ = −29/165 over 10 people, p = 0.627188', () => {
    // Wikipedia, "Spearman's rank correlation coefficient", worked example (t-distribution).
    expect(spearmanPValue(-29 / 165, 10)).toBeCloseTo(0.627188, 5);
  });

  it('is two-sided, 0 at a perfect correlation, and 1 with fewer than 3 pairs', () => {
    expect(spearmanPValue(0.5, 30)).toBeCloseTo(spearmanPValue(-0.5, 30), 12);
    expect(spearmanPValue(1, 30)).toBe(0);
    expect(spearmanPValue(0.9, 2.5)).toBe(1);
    expect(spearmanPValue(Number.NaN, 30)).toBeNaN();
  });
});

describe('effectivePairs and searchedPValue', () => {
  it('counts drifting seconds as fewer independent ones: n(1 − r1r2)/(1 + r1r2)', () => {
    expect(effectivePairs(100, 0.5, 0.5)).toBeCloseTo(60, 10);
    expect(effectivePairs(100, 0, 0.9)).toBe(100);
    expect(effectivePairs(100, 0.99, 0.99)).toBeLessThan(1.1);
    // Anti-persistent seconds never count as more pairs than there are.
    expect(effectivePairs(100, -0.5, 0.5)).toBe(100);
  });

  it('multiplies by the lags searched, up to 1', () => {
    expect(searchedPValue(0.004, 11)).toBeCloseTo(0.044, 12);
    expect(searchedPValue(0.2, 11)).toBe(1);
  });
});
