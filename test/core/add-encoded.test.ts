import { describe, expect, it } from 'vitest';
import { addEncoded } from '../../core/hdr/add-encoded.js';
import {
  decodeHistogram,
  encodeHistogram,
  newHistogram,
  recordValue,
} from '../../core/hdr/histogram.js';

/** mulberry32: the same "random" histograms on every run. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('addEncoded', () => {
  it('merges exactly what decode + add merges, over varied shapes and ranges', () => {
    const random = prng(7);
    const encoded: string[] = [];
    for (let i = 0; i < 300; i++) {
      const h = newHistogram();
      const scale = [0.001, 1, 30, 2000, 600_000][i % 5]!;
      const n = 1 + Math.floor(random() * 200);
      for (let j = 0; j < n; j++) recordValue(h, scale * random() * (random() < 0.02 ? 50 : 1));
      encoded.push(encodeHistogram(h));
    }
    const viaLibrary = newHistogram();
    const fast = newHistogram();
    for (const e of encoded) {
      viaLibrary.add(decodeHistogram(e));
      addEncoded(fast, e);
    }
    expect(fast.totalCount).toBe(viaLibrary.totalCount);
    expect(fast.minNonZeroValue).toBe(viaLibrary.minNonZeroValue);
    for (let p = 0; p <= 100; p += 0.5) {
      expect(fast.getValueAtPercentile(p)).toBe(viaLibrary.getValueAtPercentile(p));
    }
    for (const p of [99.9, 99.99, 99.999]) {
      expect(fast.getValueAtPercentile(p)).toBe(viaLibrary.getValueAtPercentile(p));
    }
  });

  it('adds an empty histogram as nothing', () => {
    const into = newHistogram();
    addEncoded(into, encodeHistogram(newHistogram()));
    expect(into.totalCount).toBe(0);
  });
});
