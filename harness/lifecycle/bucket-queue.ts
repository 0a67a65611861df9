import { InternalError } from '../../core/errors.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import type { MetricSink, SeriesHandle } from '../aggregator/metric-sink.js';

const refuse = (): never => {
  throw new InternalError(
    'a timestamped engine hands whole seconds to merge(), never single samples',
  );
};

/**
 * The sink of an engine whose samples carry their own time (k6): it hands over whole seconds,
 * already labelled with the second they were measured in, and the lifecycle writes them in
 * that order, whatever second of the wall clock they arrived in.
 */
export class BucketQueue implements MetricSink {
  private queued: ClientBucket[] = [];

  merge(bucket: ClientBucket): void {
    this.queued.push(bucket);
  }

  /** The seconds handed over since the last call, oldest first. */
  take(): ClientBucket[] {
    const out = this.queued.sort((a, b) => a.t - b.t);
    this.queued = [];
    return out;
  }

  series(): SeriesHandle {
    return refuse();
  }
  trend(): void {
    refuse();
  }
  counter(): void {
    refuse();
  }
  rate(): void {
    refuse();
  }
  gauge(): void {
    refuse();
  }
  vus(): void {}
}
