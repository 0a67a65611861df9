import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../../../reports/analysis/compare/holm.js';

describe('Holm’s step-down adjustment', () => {
  it('rejects H4 and H1 of the textbook example (p = 0.01, 0.04, 0.03, 0.005 at 0.05)', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    expect(adjusted.map((p) => Number(p.toFixed(6)))).toEqual([0.03, 0.06, 0.06, 0.02]);
    expect(adjusted.map((p) => p <= 0.05)).toEqual([true, false, false, true]);
  });

  it('keeps adjusted values monotone, at most 1, and leaves NaN out of the count', () => {
    expect(holmAdjust([0.5, NaN, 0.9])).toEqual([1, NaN, 1]);
    expect(holmAdjust([0.02, NaN])).toEqual([0.02, NaN]);
  });
});
