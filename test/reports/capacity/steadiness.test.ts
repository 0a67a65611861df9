import { describe, expect, it } from 'vitest';
import {
  checkWindow,
  findSettling,
  measuredEnough,
} from '../../../reports/analysis/capacity/steadiness.js';

const rule = { windowSeconds: 5, cvBound: 0.05 };

describe('steadiness', () => {
  it('settles at the first window whose throughput CV is within the bound', () => {
    expect(findSettling([10, 300, 800, 1000, 1010, 990, 1000, 1005, 995], rule)).toMatchObject({
      settleSeconds: 3,
      steady: true,
    });
  });

  it('allows counting noise at low rates: 1.5/√mean', () => {
    // mean 10/s: Poisson noise alone gives CV ≈ 0.32
    expect(checkWindow([8, 12, 10, 13, 7], rule)).toMatchObject({ steady: true });
    expect(checkWindow([800, 1200, 1000, 1300, 700], rule)).toMatchObject({ steady: false });
  });

  it('never steady: half of the hold is trimmed, and it says so', () => {
    expect(findSettling([100, 400, 100, 400, 100, 400, 100, 400], rule)).toMatchObject({
      steady: false,
      settleSeconds: 4,
    });
  });

  it('a step may end once settled and measured long enough', () => {
    const settled = [10, 300, 1000, 1000, 1000, 1000, 1000];
    expect(measuredEnough(settled, rule, 5)).toBe(true);
    expect(measuredEnough(settled, rule, 6)).toBe(false);
    expect(measuredEnough([1000, 1000, 1000], rule, 1)).toBe(false);
  });
});
