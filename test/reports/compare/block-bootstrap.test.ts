import { describe, expect, it } from 'vitest';
import {
  circularBlockResample,
  resampleSide,
} from '../../../reports/analysis/compare/block-bootstrap.js';
import { blockLength } from '../../../reports/analysis/compare/block-length.js';
import { seededRandom } from '../../../reports/analysis/compare/seeded-random.js';

function ar1(n: number, phi: number, seed: number): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  let x = 0;
  for (let i = 0; i < n; i++) {
    x = phi * x + (random() - 0.5);
    out.push(x);
  }
  return out;
}

describe('block length from the autocorrelation (Politis–White)', () => {
  it('is 1–2 s for independent seconds and grows with the correlation', () => {
    const white = blockLength(ar1(300, 0, 1));
    const mild = blockLength(ar1(300, 0.5, 1));
    const strong = blockLength(ar1(300, 0.9, 1));
    expect(white).toBeLessThanOrEqual(2);
    expect(mild).toBeGreaterThan(white);
    expect(strong).toBeGreaterThan(mild);
  });

  it('is capped at ⌈min(3√n, n/3)⌉ and is 1 for a constant or tiny series', () => {
    const trend = Array.from({ length: 60 }, (_, i) => i);
    expect(blockLength(trend)).toBeLessThanOrEqual(Math.ceil(Math.min(3 * Math.sqrt(60), 20)));
    expect(blockLength(new Array<number>(50).fill(7))).toBe(1);
    expect(blockLength([1, 2, 3])).toBe(1);
  });
});

describe('circular block resampling', () => {
  it('draws n indices in runs of consecutive seconds that wrap around', () => {
    const out = circularBlockResample(10, 4, seededRandom(7));
    expect(out).toHaveLength(10);
    for (let i = 0; i < 10; i += 4) {
      for (let j = i + 1; j < Math.min(i + 4, 10); j++) expect(out[j]).toBe((out[j - 1]! + 1) % 10);
    }
  });

  it('gives every second the same chance, ends included', () => {
    const counts = new Array<number>(12).fill(0);
    const random = seededRandom(3);
    for (let r = 0; r < 4000; r++)
      for (const i of circularBlockResample(12, 5, random)) counts[i]!++;
    const mean = (4000 * 12) / 12;
    for (const c of counts) expect(Math.abs(c - mean) / mean).toBeLessThan(0.06);
  });

  it('draws runs with replacement when a side has several, and keeps a single run', () => {
    const random = seededRandom(11);
    const seen = new Set<number>();
    for (let r = 0; r < 50; r++)
      for (const d of resampleSide([5, 6, 7], 2, random)) seen.add(d.run);
    expect([...seen].sort()).toEqual([0, 1, 2]);
    expect(resampleSide([9], 3, random).map((d) => d.run)).toEqual([0]);
  });
});
