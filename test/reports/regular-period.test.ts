import { describe, expect, it } from 'vitest';
import {
  lineFit,
  permutationPValue,
  regularPeriod,
  sampleInOrder,
  seededRandom,
} from '../../reports/analysis/stats/regular-period.js';

describe('lineFit', () => {
  it("matches the published fit of Anscombe's first data set (slope 0.5001, residual SE 1.237 on 9 df)", () => {
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    const y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
    const { slope, residualRms } = lineFit(x, y);
    expect(slope).toBeCloseTo(0.5001, 4);
    // RMS over n; the published standard error divides by n - 2.
    expect(Math.sqrt((residualRms ** 2 * 11) / 9)).toBeCloseTo(1.237, 3);
  });
});

describe('regularPeriod', () => {
  it('reads a perfect train', () => {
    expect(regularPeriod([3, 6, 9, 12, 15], 0.15)).toEqual({
      periodSec: 3,
      intervals: 4,
      regular: 4,
      phaseJitterSec: 0,
    });
  });

  it('reads 2, 3, 2, 3 s on a one-second grid as 2.5 s, within half a second of its beat', () => {
    const fit = regularPeriod([0, 2, 5, 7, 10, 12, 15, 17, 20], 0.15);
    expect(fit?.periodSec).toBeCloseTo(2.5, 1);
    expect(fit?.phaseJitterSec).toBeLessThan(0.5);
    expect(fit?.regular).toBe(8);
  });

  it('counts a skipped beat as two periods, not a break', () => {
    const fit = regularPeriod([0, 4, 8, 16, 20, 24], 0.15);
    expect(fit).toMatchObject({ periodSec: 4, regular: 5, phaseJitterSec: 0 });
  });

  it('finds events at random far off any beat grid', () => {
    const random = seededRandom(3);
    let drifting = 0;
    for (let round = 0; round < 50; round++) {
      const times = sampleInOrder(
        Array.from({ length: 300 }, (_, i) => i),
        15,
        random,
      );
      const fit = regularPeriod(times, 0.15);
      if (fit && fit.phaseJitterSec / fit.periodSec > 0.2) drifting++;
    }
    expect(drifting).toBeGreaterThanOrEqual(48);
  });

  it('needs three events', () => {
    expect(regularPeriod([1, 4], 0.15)).toBeUndefined();
  });
});

describe('sampleInOrder and seededRandom', () => {
  it('draws `count` distinct positions in order, each about equally often', () => {
    const random = seededRandom(1);
    const positions = Array.from({ length: 20 }, (_, i) => i * 3);
    const hits = new Map<number, number>();
    for (let round = 0; round < 2000; round++) {
      const drawn = sampleInOrder(positions, 5, random);
      expect(drawn).toHaveLength(5);
      expect([...drawn].sort((a, b) => a - b)).toEqual(drawn);
      expect(new Set(drawn).size).toBe(5);
      for (const p of drawn) hits.set(p, (hits.get(p) ?? 0) + 1);
    }
    // 2000 × 5 / 20 = 500 each; a binomial SD of about 19.
    for (const p of positions) expect(Math.abs((hits.get(p) ?? 0) - 500)).toBeLessThan(80);
  });

  it('repeats itself for a seed, and differs across seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('permutationPValue', () => {
  it('is 1 / (rounds + 1) when no rearrangement is as extreme, 1 when all are', () => {
    expect(permutationPValue(0, () => 1, 99, 1)).toBe(0.01);
    expect(permutationPValue(1, () => 0, 99, 1)).toBe(1);
  });

  it('is about the share of rearrangements at least as extreme', () => {
    const p = permutationPValue(0.25, (random) => random(), 999, 7);
    expect(p).toBeGreaterThan(0.21);
    expect(p).toBeLessThan(0.29);
  });
});
