import { newHistogram, percentile, type Histogram } from './histogram.js';
import type { TrendPercentiles } from '../run-dir/run-data.js';

interface Folded {
  hist: Histogram;
  /** Whether `hist` is our own sum, or still the one series' histogram (read, never written). */
  owned: boolean;
  count: number;
  max: number;
}

/**
 * Folds one second's trend histograms per metric and reads the percentiles the timeline
 * charts, so they are computed once while recording instead of decoded again for every second.
 * A metric with a single series in the second is read from that series' histogram directly.
 */
export class SecondPercentiles {
  private readonly merged = new Map<string, Folded>();

  /** `hist` is only read, and only until `result()`. */
  add(metric: string, hist: Histogram, count: number, max: number): void {
    if (count === 0) return;
    const m = this.merged.get(metric);
    if (!m) {
      this.merged.set(metric, { hist, owned: false, count, max });
      return;
    }
    if (!m.owned) {
      const own = newHistogram();
      own.add(m.hist);
      m.hist = own;
      m.owned = true;
    }
    m.hist.add(hist);
    m.count += count;
    m.max = Math.max(m.max, max);
  }

  /** Percentiles per metric, clamped to the exact max (HDR reports a bucket's upper edge). */
  result(): Record<string, TrendPercentiles> | undefined {
    if (this.merged.size === 0) return undefined;
    const out: Record<string, TrendPercentiles> = {};
    for (const [metric, { hist, count, max }] of this.merged) {
      const p = (q: number) => Math.min(percentile(hist, q), max);
      out[metric] = { count, p50: p(50), p90: p(90), p95: p(95), p99: p(99), max };
    }
    return out;
  }
}
