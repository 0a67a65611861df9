import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { addEncoded } from '../../core/hdr/add-encoded.js';
import { encodeHistogram, newHistogram, recordValue } from '../../core/hdr/histogram.js';
import { SlidingHistogram, type DecodedCounts } from '../../core/hdr/sliding-histogram.js';
import { seededRandom } from '../helpers/seeded-random.js';

const PERCENTILES = [0, 0.001, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 99.999, 100, 120];

describe('SlidingHistogram', () => {
  it('answers every percentile as a histogram of the window counts does, as seconds come and go', () => {
    const random = seededRandom(3);
    const seconds = Array.from({ length: 120 }, (_, i) => {
      const h = newHistogram();
      const scale = [0.05, 2, 40, 900, 70_000][i % 5]!;
      const n = i % 17 === 0 ? 0 : 1 + Math.floor(random() * 60);
      for (let j = 0; j < n; j++) recordValue(h, scale * random() * (random() < 0.03 ? 30 : 1));
      return encodeHistogram(h);
    });
    const width = 9;
    const sliding = new SlidingHistogram();
    const inside: DecodedCounts[] = [];
    for (let end = 0; end < seconds.length; end++) {
      const entering = sliding.decode(seconds[end]!);
      expect(entering).toBeDefined();
      sliding.add(entering!);
      inside.push(entering!);
      if (inside.length > width) sliding.remove(inside.shift()!);
      const reference = newHistogram();
      for (let t = Math.max(0, end - width + 1); t <= end; t++) addEncoded(reference, seconds[t]!);
      expect(sliding.totalCount).toBe(reference.totalCount);
      for (const p of PERCENTILES) {
        expect(sliding.getValueAtPercentile(p)).toBe(reference.getValueAtPercentile(p));
      }
    }
  });

  it('refuses a histogram of another precision rather than mix bucket layouts', () => {
    const other = hdr.build({ numberOfSignificantValueDigits: 2 });
    other.recordValue(1234);
    expect(new SlidingHistogram().decode(encodeHistogram(other))).toBeUndefined();
  });

  it('is empty before anything enters, and after everything left', () => {
    const sliding = new SlidingHistogram();
    expect(sliding.totalCount).toBe(0);
    const h = newHistogram();
    recordValue(h, 12);
    const counts = sliding.decode(encodeHistogram(h))!;
    sliding.add(counts);
    expect(sliding.totalCount).toBe(1);
    sliding.remove(counts);
    expect(sliding.totalCount).toBe(0);
  });
});
