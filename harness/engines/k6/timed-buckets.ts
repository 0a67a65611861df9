import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { Aggregator } from '../../aggregator/aggregator.js';
import type { K6Sample } from './k6-json.js';
import { recordK6Sample, TagInterner } from './record-k6-sample.js';

/**
 * Buckets samples by their own timestamps (not by arrival), so output from several k6 processes,
 * a live stream k6 flushes every 200 ms, or a file read long after the run, lands on the same
 * one-second grid. Once a second is handed out, a sample stamped earlier (a straggler) goes into
 * the oldest second still open, so no second is ever written twice.
 */
export class TimedBuckets {
  private readonly seconds = new Map<number, Aggregator>();
  private readonly tags = new TagInterner();
  private readonly vusBySecond = new Map<number, Map<string, number>>();
  /** Seconds before this one have been handed out. */
  private openFrom = -Infinity;
  /** Samples stamped in a second already handed out. */
  stragglers = 0;

  /** `source` tells processes apart, so their VU gauges add up instead of overwriting. */
  add(sample: K6Sample, source = ''): void {
    let t = Math.floor(sample.timeMs / 1000);
    if (t < this.openFrom) {
      t = this.openFrom;
      this.stragglers++;
    }
    if (sample.metric === 'vus') {
      let bySource = this.vusBySecond.get(t);
      if (!bySource) this.vusBySecond.set(t, (bySource = new Map()));
      bySource.set(source, sample.value);
      return;
    }
    let agg = this.seconds.get(t);
    if (!agg) this.seconds.set(t, (agg = new Aggregator()));
    recordK6Sample(agg, sample, this.tags.intern(sample.tags));
  }

  /** Hands out, in time order, every second strictly before `beforeT` (all when omitted). */
  drain(beforeT = Infinity): ClientBucket[] {
    if (Number.isFinite(beforeT)) this.openFrom = Math.max(this.openFrom, beforeT);
    const ready = [...new Set([...this.seconds.keys(), ...this.vusBySecond.keys()])]
      .filter((t) => t < beforeT)
      .sort((a, b) => a - b);
    return ready.map((t) => {
      const bucket = this.seconds.get(t)?.flush(t) ?? { t, vus: 0, metrics: {} };
      const vus = this.vusBySecond.get(t);
      bucket.vus = vus ? [...vus.values()].reduce((a, b) => a + b, 0) : 0;
      this.seconds.delete(t);
      this.vusBySecond.delete(t);
      return bucket;
    });
  }
}
