import { JsHistogram } from 'hdr-histogram-js';
import { decodeHistogram } from './histogram.js';

/** The non-empty buckets of a histogram: values (stored units, ×1000) ascending, with counts. */
export interface RecordedValues {
  /** Each bucket's highest equivalent value: what HDR reports for a percentile landing in it. */
  values: number[];
  counts: number[];
}

/**
 * The (value, count) pairs of an encoded histogram, for code that re-merges many histograms in
 * many combinations (a bootstrap): a few dozen pairs per second instead of a counts array sized
 * for the whole value range. Percentiles over any sum of them equal the merged histogram's.
 */
export function recordedValues(encoded: string): RecordedValues {
  const h = decodeHistogram(encoded);
  const out: RecordedValues = { values: [], counts: [] };
  if (!(h instanceof JsHistogram)) {
    throw new TypeError('a decoded HDR histogram is expected to be a JsHistogram');
  }
  const it = h.recordedValuesIterator;
  it.reset();
  while (it.hasNext()) {
    const v = it.next();
    out.values.push(v.valueIteratedTo);
    out.counts.push(v.countAtValueIteratedTo);
  }
  return out;
}
