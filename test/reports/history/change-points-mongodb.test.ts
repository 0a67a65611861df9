import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eDivisive } from '../../../reports/analysis/history/e-divisive.js';
import { QhatCalculator } from '../../../reports/analysis/history/qhat.js';

/**
 * Series and expectations from mongodb/signal-processing-algorithms tests/test_detection.py
 * (the version with q̂ values, before its 2021 rewrite). That code tests significance by
 * permutations; the t-test agrees on these cases. It differs by design on three others: a
 * lone point between two levels ("ahead", "behind") is a constant one-point side, which the
 * t-test accepts as its own segment, and "regression and recovery", where searching κ finds
 * the recovery at 30 rather than after the lone spike at 32.
 */
const level = (parts: [count: number, value: number][]): number[] =>
  parts.flatMap(([count, value]) => Array.from({ length: count }, () => value));

const simpleRegression = level([
  [15, 50],
  [15, 100],
]);
const simpleRegression2 = level([
  [2, 50],
  [1, 100],
  [12, 50],
  [15, 100],
]);
const twoRegressions = level([
  [2, 50],
  [1, 100],
  [12, 50],
  [15, 100],
  [15, 150],
]);
const randomIsh = [
  41, 18, 23, 3, 32, 11, 40, 13, 29, 48, 47, 35, 18, 21, 6, 2, 23, 3, 4, 7, 120, 103, 102, 81, 71,
  62, 115, 61, 108, 63, 70, 98, 65, 96, 64, 74, 70, 113, 90, 114, 208, 196, 153, 150, 225, 179, 206,
  165, 177, 151, 218, 217, 244, 245, 229, 195, 225, 229, 176, 250,
];

describe('E-divisive with the t-test on mongodb test_detection.py series (p 0.01)', () => {
  it('test_finds_simple_regression: [15]', () => {
    expect(eDivisive(simpleRegression, 0.01).map((c) => c.index)).toEqual([15]);
  });

  it('test_finds_simple_regression2: [15] with q̂ 649.9999999999999', () => {
    const found = eDivisive(simpleRegression2, 0.01);
    expect(found.map((c) => c.index)).toEqual([15]);
    expect(found[0]?.qhat).toBeCloseTo(649.9999999999999, 9);
  });

  it('test_two_regressions: [15, 30] with q̂ 649.9999999999999 and 1209.1954022988505', () => {
    const found = eDivisive(twoRegressions, 0.01);
    expect(found.map((c) => c.index)).toEqual([15, 30]);
    expect(found[0]?.qhat).toBeCloseTo(649.9999999999999, 9);
    expect(found[1]?.qhat).toBeCloseTo(1209.1954022988505, 9);
  });

  it('test_random_ish_data: the two level shifts at 40 (q̂ 2848.1169590643276) and 20 (q̂ 893.578947368421)', () => {
    const found = eDivisive(randomIsh, 0.01);
    const at = (i: number) => found.find((c) => c.index === i)?.qhat;
    expect(at(40)).toBeCloseTo(2848.1169590643276, 9);
    expect(at(20)).toBeCloseTo(893.578947368421, 9);
  });

  it('test_no_regressions: a constant series has none', () => {
    expect(eDivisive(level([[30, 50]]), 0.01)).toEqual([]);
  });

  it('test_e_divisive test_absolute_certainty_univariate: 1,000 zeros then 1,000 ones → [1000]', () => {
    expect(
      eDivisive(
        level([
          [1000, 0],
          [1000, 1],
        ]),
        0.01,
      ).map((c) => c.index),
    ).toEqual([1000]);
  });
});

/** q̂ straight from its definition, O(n⁴): the reference the fast calculator must equal. */
function slowCandidate(z: number[]): { index: number; qhat: number } {
  let best = { index: 0, qhat: -Infinity };
  for (let tau = 1; tau < z.length; tau++) {
    for (let kappa = tau + 1; kappa <= z.length; kappa++) {
      const x = z.slice(0, tau);
      const y = z.slice(tau, kappa);
      const n = x.length;
      const m = y.length;
      let a = 0;
      for (const xi of x) for (const yj of y) a += Math.abs(xi - yj);
      let b = 0;
      for (let i = 0; i < n; i++) for (let k = i + 1; k < n; k++) b += Math.abs(x[i]! - x[k]!);
      let c = 0;
      for (let j = 0; j < m; j++) for (let k = j + 1; k < m; k++) c += Math.abs(y[j]! - y[k]!);
      const q =
        (2 / (m + n)) * a -
        (n > 1 ? ((2 * m) / (m + n) / (n - 1)) * b : 0) -
        (m > 1 ? ((2 * n) / (m + n) / (m - 1)) * c : 0);
      if (q > best.qhat + 1e-9 * Math.max(1, Math.abs(q))) best = { index: tau, qhat: q };
    }
  }
  return best;
}

describe('QhatCalculator', () => {
  it('finds the same split and q̂ as the definition (Otava test_calculator_candidate series)', () => {
    const seq = [
      0.3, 2.4, 1.5, -0.9, -0.5, 99.7, 98.3, 99.1, 149.0, 149.7, 149.5, 149.1, 148.8, 150.0,
    ];
    const fast = new QhatCalculator(seq).candidate(0, seq.length);
    const slow = slowCandidate(seq);
    expect(fast?.index).toBe(slow.index);
    expect(fast?.qhat).toBeCloseTo(slow.qhat, 9);
  });

  it('agrees with the definition on any series and any span', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 16 }),
        fc.nat(),
        (values, cut) => {
          const start = cut % (values.length - 1);
          const fast = new QhatCalculator(values).candidate(start, values.length);
          const slow = slowCandidate(values.slice(start));
          expect(fast?.qhat).toBeCloseTo(slow.qhat, 6);
        },
      ),
      { seed: 14, numRuns: 200 },
    );
  });

  it('has no candidate in a span of one point', () => {
    expect(new QhatCalculator([1, 2, 3]).candidate(1, 2)).toBeUndefined();
  });
});
