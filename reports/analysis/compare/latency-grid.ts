import { HIST_SCALE } from '../../../core/hdr/histogram.js';
import type { LatencySecond } from './run-seconds.js';

/** One second of latencies as indices into a grid of every HDR bucket value seen. */
export interface GridSecond {
  idx: Int32Array;
  cnt: Float64Array;
  min: number;
  max: number;
}

export interface LatencyFigures {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const PERCENTILES = [50, 95, 99] as const;

/**
 * Percentiles of any multiset of seconds, exactly as HDR would report them for the merged
 * histogram (mergeMetric + trendPercentile), without building one: the seconds' counts are
 * added into one array over the grid of bucket values, then read once from the bottom. A
 * bootstrap merges thousands of such multisets; this is what keeps it to milliseconds.
 */
export class LatencyGrid {
  readonly values: Float64Array;
  private readonly position: Map<number, number>;
  private readonly scratch: Float64Array;

  constructor(seconds: Iterable<LatencySecond | null>) {
    const all = new Set<number>();
    for (const s of seconds) if (s) for (const v of s.values) all.add(v);
    this.values = Float64Array.from([...all].sort((a, b) => a - b));
    this.position = new Map([...this.values].map((v, i) => [v, i]));
    this.scratch = new Float64Array(this.values.length);
  }

  grid(second: LatencySecond | null): GridSecond | null {
    if (!second) return null;
    return {
      idx: Int32Array.from(second.values, (v) => this.position.get(v)!),
      cnt: Float64Array.from(second.counts),
      min: second.min,
      max: second.max,
    };
  }

  /** Figures of the seconds `pick` yields, in ms; NaN when they hold no request. */
  figures(each: (visit: (s: GridSecond | null) => void) => void): LatencyFigures {
    let total = 0;
    let min = Infinity;
    let max = -Infinity;
    let lo = this.values.length;
    let hi = -1;
    const scratch = this.scratch;
    each((s) => {
      if (!s) return;
      const { idx, cnt } = s;
      for (let j = 0; j < idx.length; j++) scratch[idx[j]!]! += cnt[j]!;
      if (idx.length > 0) {
        lo = Math.min(lo, idx[0]!);
        hi = Math.max(hi, idx[idx.length - 1]!);
      }
      for (let j = 0; j < cnt.length; j++) total += cnt[j]!;
      min = Math.min(min, s.min);
      max = Math.max(max, s.max);
    });
    if (total === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN };
    const found = [NaN, NaN, NaN];
    const targets = PERCENTILES.map((p) => countAtPercentile(p, total));
    let next = 0;
    let running = 0;
    for (let i = lo; i <= hi; i++) {
      running += scratch[i]!;
      scratch[i] = 0;
      while (next < targets.length && running >= targets[next]!) {
        found[next] = Math.min(Math.max(this.values[i]! / HIST_SCALE, min), max);
        next++;
      }
    }
    return { p50: found[0]!, p95: found[1]!, p99: found[2]!, max };
  }
}

/** HDR's rule: round the count up, guarding against a 1-ulp excess, and reach at least one. */
function countAtPercentile(p: number, total: number): number {
  const fp = (p / 100) * total;
  const ulp = fp > 0 ? 2 ** (Math.floor(Math.log2(fp)) - 52) : 0;
  return Math.max(Math.ceil(fp - ulp), 1);
}
