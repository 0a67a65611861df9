import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { addEncoded } from '../../core/hdr/add-encoded.js';
import { EncodedHistogramSum } from '../../core/hdr/encoded-sum.js';
import { encodeHistogram, newHistogram, recordValue } from '../../core/hdr/histogram.js';
import { seededRandom } from '../helpers/seeded-random.js';

describe('EncodedHistogramSum', () => {
  it('holds exactly the counts addEncoded of each into one histogram holds', () => {
    const random = seededRandom(11);
    const encoded: string[] = [];
    for (let i = 0; i < 400; i++) {
      // Other layouts too: two significant digits, a coarser lowest discernible value.
      const h =
        i % 7 === 0
          ? hdr.build({
              numberOfSignificantValueDigits: 2,
              lowestDiscernibleValue: 1000,
              highestTrackableValue: 1e13,
            })
          : newHistogram();
      const scale = [0.001, 1, 30, 2000, 600_000][i % 5]!;
      const n = i % 50 === 0 ? 0 : 1 + Math.floor(random() * 150);
      for (let j = 0; j < n; j++) recordValue(h, scale * random() * (random() < 0.02 ? 50 : 1));
      encoded.push(encodeHistogram(h));
    }
    const sum = new EncodedHistogramSum();
    const reference = newHistogram();
    for (const e of encoded) {
      sum.add(e);
      addEncoded(reference, e);
    }
    const merged = sum.toHistogram();
    expect(merged.totalCount).toBe(reference.totalCount);
    expect(merged.minNonZeroValue).toBe(reference.minNonZeroValue);
    expect(merged.maxValue).toBe(reference.maxValue);
    for (let p = 0; p <= 100; p += 0.25) {
      expect(merged.getValueAtPercentile(p)).toBe(reference.getValueAtPercentile(p));
    }
    expect(merged.getValueAtPercentile(99.999)).toBe(reference.getValueAtPercentile(99.999));
  });

  it('is an empty histogram when nothing was added', () => {
    expect(new EncodedHistogramSum().toHistogram().totalCount).toBe(0);
  });
});
