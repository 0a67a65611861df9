import { readEncodedCounts, valueFromIndex, type BucketLayout } from './encoded-counts.js';
import { decodeHistogram, newHistogram, type Histogram } from './histogram.js';

/**
 * Many encoded histograms summed bucket by bucket into plain count arrays, then recorded into
 * one histogram at the end. The result has the counts addEncoded of each into one histogram
 * gives (adding counts is exact and order-free), for a fraction of the cost: a day-long
 * endpoint is 86,400 histograms of a few dozen buckets each, and the histogram's own
 * recording (a bucket index computed back from each value) is then paid once per bucket.
 */
export class EncodedHistogramSum {
  private readonly counts = new Map<BucketLayout, Float64Array>();
  /** Encodings the fast reader does not know, added by the library. */
  private fallback: Histogram | undefined;
  private readonly visit = (index: number, count: number, layout: BucketLayout): void => {
    let counts = this.counts.get(layout);
    if (counts === undefined || index >= counts.length) {
      const grown = new Float64Array(Math.max(1024, 2 ** Math.ceil(Math.log2(index + 1))));
      if (counts) grown.set(counts);
      this.counts.set(layout, (counts = grown));
    }
    counts[index]! += count;
  };

  add(encoded: string): void {
    if (readEncodedCounts(encoded, this.visit)) return;
    this.fallback ??= newHistogram();
    this.fallback.add(decodeHistogram(encoded));
  }

  /** A new histogram holding every count added so far. */
  toHistogram(): Histogram {
    const histogram = newHistogram();
    for (const [layout, counts] of this.counts) {
      // The highest bucket first, so an auto-resizing histogram grows once.
      for (let index = counts.length - 1; index >= 0; index--) {
        const count = counts[index]!;
        if (count > 0) histogram.recordValueWithCount(valueFromIndex(index, layout), count);
      }
    }
    if (this.fallback) histogram.add(this.fallback);
    return histogram;
  }
}
