import { describe, expect, it } from 'vitest';
import {
  permutationPValue,
  regularPeriod,
  sampleInOrder,
  seededRandom,
} from '../../reports/analysis/stats/regular-period.js';

describe('regularPeriod', () => {
  it('reads a perfect train', () => {
    expect(regularPeriod([3, 6, 9, 12, 15], 0.15)).toEqual({
      periodSec: 3,
      intervals: 4,
      regular: 4,
      phaseJitterSec: 0,
      onGrid: 5,
      skipped: 0,
    });
  });

  it('reads 2, 3, 2, 3 s on a one-second grid as 2.5 s, within half a second of its beat', () => {
    const fit = regularPeriod([0, 2, 5, 7, 10, 12, 15, 17, 20], 0.15);
    expect(fit?.periodSec).toBeCloseTo(2.5, 1);
    expect(fit?.phaseJitterSec).toBeLessThan(0.5);
    expect(fit?.regular).toBe(8);
    expect(fit?.onGrid).toBe(9);
  });

  it('counts a skipped beat as two periods, not a break', () => {
    const fit = regularPeriod([0, 4, 8, 16, 20, 24], 0.15);
    expect(fit).toMatchObject({ periodSec: 4, regular: 5, phaseJitterSec: 0, skipped: 1 });
  });

  it('keeps a train on its grid when one beat lands a second late', () => {
    const fit = regularPeriod([0, 3, 6, 10, 12, 15, 18], 0.15);
    expect(fit).toMatchObject({ periodSec: 3, phaseJitterSec: 0, onGrid: 6 });
  });

  it('finds events at random mostly off any beat grid', () => {
    const random = seededRandom(3);
    let onGrid = 0;
    let events = 0;
    for (let round = 0; round < 50; round++) {
      const times = sampleInOrder(
        Array.from({ length: 300 }, (_, i) => i),
        15,
        random,
      );
      onGrid += regularPeriod(times, 0.15)?.onGrid ?? 0;
      events += times.length;
    }
    expect(onGrid / events).toBeLessThan(0.5);
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
    expect(permutationPValue(() => false, 99, 1)).toBe(0.01);
    expect(permutationPValue(() => true, 99, 1)).toBe(1);
  });

  it('is about the share of rearrangements at least as extreme', () => {
    const p = permutationPValue((random) => random() <= 0.25, 999, 7);
    expect(p).toBeGreaterThan(0.21);
    expect(p).toBeLessThan(0.29);
  });
});
