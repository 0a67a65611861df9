import { describe, expect, it } from 'vitest';
import { binomialTail } from '../../../reports/analysis/stats/binomial-tail.js';

describe('binomialTail', () => {
  it('matches exact values', () => {
    // 6 or 7 of 7 at p = 0.5: (7 + 1) / 128.
    expect(binomialTail(6, 7, 0.5)).toBeCloseTo(8 / 128, 12);
    expect(binomialTail(0, 10, 0.3)).toBe(1);
    expect(binomialTail(11, 10, 0.3)).toBe(0);
    expect(binomialTail(1, 3, 0.1)).toBeCloseTo(1 - 0.9 ** 3, 12);
  });

  it('stays finite for large n', () => {
    const p = binomialTail(600, 1000, 0.5);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-9);
  });
});
