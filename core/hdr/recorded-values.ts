import { JsHistogram } from 'hdr-histogram-js';
import { addEncoded } from './add-encoded.js';
import { newHistogram, type Histogram } from './histogram.js';

/** The non-empty buckets of a histogram: values (stored units, ×1000) ascending, with counts. */
export interface RecordedValues {
  /** Each bucket's highest equivalent value: what HDR reports for a percentile landing in it. */
  values: number[];
  counts: number[];
}

/** Bucket arithmetic of loadrig's histogram layout (newHistogram), for highest equivalents. */
let layout: JsHistogram | undefined;

/**
 * The (value, count) pairs of an encoded histogram, for code that re-merges many histograms in
 * many combinations (a bootstrap): a few dozen pairs per second instead of a counts array sized
 * for the whole value range. Percentiles over any sum of them equal the merged histogram's.
 * Read with addEncoded's payload walk (no histogram is decoded), into a sink that keeps pairs.
 */
export function recordedValues(encoded: string): RecordedValues {
  if (!layout) {
    const h = newHistogram();
    if (!(h instanceof JsHistogram)) throw new TypeError('loadrig histograms are JsHistograms');
    layout = h;
  }
  const buckets = layout;
  const out: RecordedValues = { values: [], counts: [] };
  const sink = {
    recordValueWithCount(value: number, count: number): void {
      out.values.push(buckets.highestEquivalentValue(value));
      out.counts.push(count);
    },
    // addEncoded's fallback for an encoding it does not walk itself: a decoded histogram.
    add(decoded: Histogram): void {
      if (!(decoded instanceof JsHistogram)) throw new TypeError('expected a decoded JsHistogram');
      const it = decoded.recordedValuesIterator;
      it.reset();
      while (it.hasNext()) {
        const v = it.next();
        out.values.push(v.valueIteratedTo);
        out.counts.push(v.countAtValueIteratedTo);
      }
    },
  };
  addEncoded(sink as unknown as Histogram, encoded);
  return out;
}
