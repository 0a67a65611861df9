import { describe, expect, it } from 'vitest';
import { JsHistogram } from 'hdr-histogram-js';
import {
  decodeHistogram,
  encodeHistogram,
  newHistogram,
  recordValue,
} from '../../core/hdr/histogram.js';
import { recordedValues } from '../../core/hdr/recorded-values.js';

describe('recorded values of an encoded histogram', () => {
  it('are the non-empty buckets at their highest equivalent value, as HDR’s own iterator gives them', () => {
    const h = newHistogram();
    for (let i = 0; i < 5000; i++) recordValue(h, 0.2 + ((i * 7919) % 3000) / 7);
    recordValue(h, 12_345.678);
    const encoded = encodeHistogram(h);
    const fromDecode = decodeHistogram(encoded);
    if (!(fromDecode instanceof JsHistogram)) throw new Error('expected a JsHistogram');
    const expected: { values: number[]; counts: number[] } = { values: [], counts: [] };
    const it = fromDecode.recordedValuesIterator;
    it.reset();
    while (it.hasNext()) {
      const v = it.next();
      expected.values.push(v.valueIteratedTo);
      expected.counts.push(v.countAtValueIteratedTo);
    }
    expect(recordedValues(encoded)).toEqual(expected);
    expect(expected.counts.reduce((a, b) => a + b, 0)).toBe(5001);
  });
});
