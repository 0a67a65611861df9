import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import type { MetricSink } from '../../aggregator/metric-sink.js';
import type { EngineResult } from '../engine.js';
import type { K6Sample } from './k6-json.js';
import { TimedBuckets } from './timed-buckets.js';

export { recordK6Sample, TagInterner } from './record-k6-sample.js';

/**
 * k6 writes its JSON output every 200 ms and loadrig reads it every 200 ms: a second is handed
 * on once this long has passed since it ended, so nearly every sample stamped in it is in.
 */
export const K6_SECOND_COMPLETE_AFTER_MS = 2000;

/**
 * Feeds a live k6 stream into a MetricSink, one whole second at a time, each labelled by the
 * time k6 stamped its samples with (never by when they arrived): `sink.merge` receives buckets
 * whose `t` is k6's. Keeps the tallies an EngineResult reports.
 */
export class K6SampleSink {
  private readonly buckets = new TimedBuckets();
  private iterations = 0;
  private dropped = 0;
  private flowErrors = 0;
  private peakVus = 0;

  constructor(
    private readonly sink: MetricSink,
    private readonly now: () => number = Date.now,
  ) {}

  /** `source` tells k6 processes (execution segments) apart: their VUs add up. */
  add(s: K6Sample, source = ''): void {
    if (s.metric === 'iterations') this.iterations += s.value;
    else if (s.metric === 'dropped_iterations') this.dropped += s.value;
    else if (s.metric === 'flow_errors') this.flowErrors += s.value;
    this.buckets.add(s, source);
  }

  /** Hands on every second that ended at least K6_SECOND_COMPLETE_AFTER_MS ago. */
  release(): void {
    this.hand(this.buckets.drain(Math.floor((this.now() - K6_SECOND_COMPLETE_AFTER_MS) / 1000)));
  }

  /** k6 has exited: hands on every second left. */
  finish(): void {
    this.hand(this.buckets.drain());
  }

  private hand(buckets: ClientBucket[]): void {
    for (const b of buckets) {
      this.peakVus = Math.max(this.peakVus, b.vus);
      this.sink.merge?.(b);
    }
  }

  result(): EngineResult {
    return {
      iterations: this.iterations,
      interruptedIterations: 0,
      droppedIterations: this.dropped,
      flowErrors:
        this.flowErrors > 0
          ? { "thrown by the flow on k6 (messages in k6's log)": this.flowErrors }
          : {},
      peakVus: this.peakVus,
    };
  }
}
