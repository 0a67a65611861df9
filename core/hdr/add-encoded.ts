import { readEncodedCounts, valueFromIndex } from './encoded-counts.js';
import { decodeHistogram, type Histogram } from './histogram.js';

/**
 * Adds an encoded histogram into `into` without building a histogram for it: each non-empty
 * bucket's count is recorded at its bucket's value. Exact (the same counts land in the same
 * buckets as `into.add(decoded)`), and about 4× faster: decoding allocates a counts array
 * sized for the whole value range, and `add` walks all of it, while a second's histogram has a
 * few dozen non-empty buckets. A day of one-second buckets is 86,400 of them per endpoint.
 */
export function addEncoded(into: Histogram, encoded: string): void {
  const known = readEncodedCounts(encoded, (index, count, layout) =>
    into.recordValueWithCount(valueFromIndex(index, layout), count),
  );
  // An encoding the reader does not know: the library's slow path.
  if (!known) into.add(decodeHistogram(encoded));
}
