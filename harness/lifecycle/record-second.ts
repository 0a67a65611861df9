import type { Breach, LiveThresholds } from '../../reports/analysis/thresholds/live-thresholds.js';
import type { Aggregator } from '../aggregator/aggregator.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import type { Second } from '../../core/series/second.js';

export interface SecondReaders {
  live: Pick<LiveThresholds, 'pushSecond'>;
  /** Encodes and writes the second; returns the line written (what outputs such as InfluxDB get). */
  store: { appendSecond(second: Second): ClientBucket | void };
  progress: ProgressListener;
  /** The second as written to client.ndjson, for the run's outputs (`--out influxdb=...`). */
  written?: (bucket: ClientBucket) => void;
}

/**
 * One pass per second: closes the aggregator's second (worker histograms were added into it
 * once, as they arrived), lets live thresholds and progress read it decoded, and has the store
 * encode it once as it writes the line. Returns the thresholds broken now.
 */
export function recordSecond(
  aggregator: Pick<Aggregator, 'close'>,
  t: number,
  elapsedMs: () => number,
  { live, store, progress, written }: SecondReaders,
): Breach[] {
  const second = aggregator.close(t);
  const breaches = live.pushSecond(second, elapsedMs());
  const bucket = store.appendSecond(second);
  if (bucket) written?.(bucket);
  progress.bucket?.(second, elapsedMs());
  return breaches;
}
