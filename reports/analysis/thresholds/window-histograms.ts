import { addEncoded } from '../../../core/hdr/add-encoded.js';
import { newHistogram, type Histogram } from '../../../core/hdr/histogram.js';
import { SlidingHistogram, type DecodedCounts } from '../../../core/hdr/sliding-histogram.js';
import { FIGURES_ONLY } from '../../../core/series/merge-figures.js';
import type { MergedMetric } from '../../../core/series/merge.js';

/** One second of a threshold's selected series: its figures, and its histograms still encoded. */
export interface SelectedSecond {
  figures: MergedMetric;
  encoded: string[];
}

/**
 * The histogram of each window in turn, as windows slide one second at a time: each second's
 * histograms are decoded when it enters the window and taken out when it leaves, so a day-long
 * run costs two updates per second instead of a merge of every second of every window. A
 * histogram in a layout the sliding window does not share (another precision) sends every later
 * window back to merging its seconds afresh, which gives the same counts.
 */
export class WindowHistograms {
  private readonly sliding = new SlidingHistogram();
  private readonly inside = new Map<number, DecodedCounts[]>();
  private lastEnd: number | undefined;
  private merging = false;

  constructor(
    private readonly perSecond: ReadonlyMap<number, SelectedSecond>,
    private readonly seconds: number,
    /** False when the expression reads no percentile: nothing is decoded then. */
    private readonly wanted: boolean,
  ) {}

  /** The histogram of the window ending at `end`; ends must come in ascending order. */
  at(end: number): Histogram {
    if (!this.wanted) return FIGURES_ONLY;
    if (!this.merging) {
      const from = this.lastEnd === undefined ? end - this.seconds + 1 : this.lastEnd + 1;
      for (let t = from; t <= end && !this.merging; t++) this.enter(t);
      for (let t = from - this.seconds; t <= end - this.seconds; t++) this.leave(t);
      this.lastEnd = end;
    }
    return this.merging ? this.merged(end) : this.sliding.asHistogram();
  }

  private enter(t: number): void {
    const encoded = this.perSecond.get(t)?.encoded ?? [];
    const decoded: DecodedCounts[] = [];
    for (const e of encoded) {
      const counts = this.sliding.decode(e);
      if (!counts) {
        this.merging = true;
        return;
      }
      decoded.push(counts);
    }
    for (const counts of decoded) this.sliding.add(counts);
    this.inside.set(t, decoded);
  }

  private leave(t: number): void {
    for (const counts of this.inside.get(t) ?? []) this.sliding.remove(counts);
    this.inside.delete(t);
  }

  private merged(end: number): Histogram {
    const histogram = newHistogram();
    for (let t = end - this.seconds + 1; t <= end; t++) {
      for (const e of this.perSecond.get(t)?.encoded ?? []) addEncoded(histogram, e);
    }
    return histogram;
  }
}
