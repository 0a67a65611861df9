import { describe, expect, it } from 'vitest';
import { welchTest } from '../../../reports/analysis/compare/welch.js';

describe("Welch's t-test", () => {
  // R's own example, t.test(extra ~ group, data = sleep): "t = -1.8608, df = 17.776,
  // p-value = 0.07939; 95 percent confidence interval: -3.3654832 0.2054832" (group 1 − group 2).
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  it('matches R’s t.test on the sleep data: t −1.8608, df 17.776, p 0.07939, [−3.3655, 0.2055]', () => {
    const r = welchTest(group2, group1, 0.05)!;
    expect(r.difference).toBeCloseTo(-1.58, 10);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.p).toBeCloseTo(0.07939, 5);
    expect(r.low).toBeCloseTo(-3.3654832, 6);
    expect(r.high).toBeCloseTo(0.2054832, 6);
  });

  it('is symmetric: swapping the sides flips the difference and keeps p', () => {
    const a = welchTest(group1, group2, 0.05)!;
    const b = welchTest(group2, group1, 0.05)!;
    expect(a.difference).toBeCloseTo(-b.difference, 12);
    expect(a.p).toBeCloseTo(b.p, 12);
    expect(a.low).toBeCloseTo(-b.high, 10);
  });

  it('is wide with 3 runs a side: the same spread a rank test cannot judge stays inconclusive', () => {
    // Three runs each, one noisy: df falls towards 2 and the t quantile is above 4.
    const r = welchTest([20.1, 20.3, 21.4], [20.2, 20.4, 20.5], 0.05)!;
    expect(r.df).toBeLessThan(3);
    expect(r.p).toBeGreaterThan(0.5);
    expect(r.high - r.low).toBeGreaterThan(2);
  });

  it('decides constant sides and refuses fewer than two values', () => {
    expect(welchTest([0, 0], [0, 0, 0], 0.05)!.p).toBe(1);
    expect(welchTest([1, 1], [2, 2], 0.05)!.p).toBe(0);
    expect(welchTest([1], [2, 3], 0.05)).toBeUndefined();
  });
});
