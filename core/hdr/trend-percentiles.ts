import { newHistogram, percentile, type Histogram } from './histogram.js';
import type { TrendPercentiles } from '../run-dir/run-data.js';

/**
 * Folds one second's trend histograms per metric and reads the percentiles the timeline
 * charts, so they are computed once while recording instead of decoded again for every second.
 */
export class SecondPercentiles {
  private readonly merged = new Map<string, { hist: Histogram; count: number; max: number }>();

  add(metric: string, hist: Histogram, count: number, max: number): void {
    if (count === 0) return;
    let m = this.merged.get(metric);
    if (!m) this.merged.set(metric, (m = { hist: newHistogram(), count: 0, max: -Infinity }));
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
