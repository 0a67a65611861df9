import { readEncodedCounts, valueFromIndex, type BucketLayout } from './encoded-counts.js';
import { encodeHistogram, newHistogram, type Histogram } from './histogram.js';

/** One encoded histogram's non-empty buckets, kept while it is inside the window. */
export interface DecodedCounts {
  index: number[];
  count: number[];
}

/**
 * The merged histogram of a sliding window of seconds: counts enter and leave in O(log
 * buckets) each (a Fenwick tree over bucket indexes), and a percentile is found in O(log
 * buckets), where merging the window's histograms afresh costs a walk of every bucket for each
 * second of the window, for each second of the run. Percentiles are the library's, exactly:
 * the same count is sought (getValueAtPercentile's rounding) and the value read off the found
 * bucket by the library itself.
 */
export class SlidingHistogram {
  private tree = new Float64Array(1 << 15);
  private counts = new Float64Array(1 << 15);
  private total = 0;
  private readonly valueOf = new Map<number, number>();
  private readonly layout: BucketLayout;

  constructor() {
    this.layout = layoutOfNew();
  }

  /**
   * The non-empty buckets of `encoded`, or undefined for a histogram laid out otherwise than
   * newHistogram() (other precision, other encoding): its buckets are not this window's.
   */
  decode(encoded: string): DecodedCounts | undefined {
    const out: DecodedCounts = { index: [], count: [] };
    let foreign = false;
    const layout = readEncodedCounts(encoded, (index, count, seen) => {
      if (!sameLayout(seen, this.layout)) foreign = true;
      out.index.push(index);
      out.count.push(count);
    });
    return layout && !foreign ? out : undefined;
  }

  add(decoded: DecodedCounts): void {
    this.update(decoded, 1);
  }

  remove(decoded: DecodedCounts): void {
    this.update(decoded, -1);
  }

  get totalCount(): number {
    return this.total;
  }

  /**
   * The window as the two members of a Histogram that percentile() reads, for merged figures
   * whose histogram is the window (no histogram of the window is ever built).
   */
  asHistogram(): Histogram {
    return this as unknown as Histogram;
  }

  private update({ index, count }: DecodedCounts, sign: 1 | -1): void {
    for (let k = 0; k < index.length; k++) {
      const i = index[k]!;
      if (i >= this.counts.length) this.grow(i);
      const c = sign * count[k]!;
      this.counts[i]! += c;
      this.total += c;
      for (let node = i + 1; node <= this.tree.length; node += node & -node) {
        this.tree[node - 1]! += c;
      }
    }
  }

  /** HdrHistogram's getValueAtPercentile, on the window's counts. */
  getValueAtPercentile(percentile: number): number {
    const requested = Math.min(percentile, 100);
    const fpCount = (requested / 100.0) * this.total;
    const wanted = Math.max(Math.ceil(fpCount - ulp(fpCount)), 1);
    // The first bucket whose running count reaches `wanted`: a descent of the tree.
    let position = 0;
    let below = 0;
    for (let step = this.tree.length; step > 0; step >>= 1) {
      const next = position + step;
      if (next <= this.tree.length && below + this.tree[next - 1]! < wanted) {
        position = next;
        below += this.tree[next - 1]!;
      }
    }
    if (position >= this.counts.length) return 0;
    return this.bucketValue(position, percentile === 0);
  }

  /** The value the library reports for bucket `index`: its lowest for p0, else its highest. */
  private bucketValue(index: number, lowest: boolean): number {
    const key = lowest ? -1 - index : index;
    let value = this.valueOf.get(key);
    if (value === undefined) {
      const probe = newHistogram();
      probe.recordValueWithCount(valueFromIndex(index, this.layout), 1);
      value = probe.getValueAtPercentile(lowest ? 0 : 100);
      this.valueOf.set(key, value);
    }
    return value;
  }

  private grow(index: number): void {
    const size = 2 ** Math.ceil(Math.log2(index + 1));
    const counts = new Float64Array(size);
    counts.set(this.counts);
    this.counts = counts;
    this.tree = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const c = counts[i]!;
      if (c === 0) continue;
      for (let node = i + 1; node <= size; node += node & -node) this.tree[node - 1]! += c;
    }
  }
}

/** HdrHistogram's unit in the last place, as its percentile rounding uses it. */
const ulp = (x: number): number => Math.pow(2, Math.floor(Math.log2(x)) - 52);

const sameLayout = (a: BucketLayout, b: BucketLayout): boolean =>
  a.subBucketHalfCount === b.subBucketHalfCount && a.unitMagnitude === b.unitMagnitude;

/** The bucket layout of newHistogram(), read off an encoding of one. */
function layoutOfNew(): BucketLayout {
  const probe = newHistogram();
  probe.recordValue(1);
  let layout: BucketLayout | undefined;
  readEncodedCounts(encodeHistogram(probe), (_i, _c, seen) => (layout = seen));
  if (!layout) throw new Error('newHistogram() encodes in a layout this reader does not know');
  return layout;
}
