import type { Breach, LiveThresholds } from '../../reports/analysis/thresholds/live-thresholds.js';
import type { Aggregator } from '../aggregator/aggregator.js';
import type { ProgressListener } from '../progress/progress-listener.js';
import type { RunStore } from '../store/run-store.js';

export interface SecondReaders {
  live: Pick<LiveThresholds, 'pushSecond'>;
  store: Pick<RunStore, 'appendSecond'>;
  progress: ProgressListener;
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
  { live, store, progress }: SecondReaders,
): Breach[] {
  const second = aggregator.close(t);
  const breaches = live.pushSecond(second, elapsedMs());
  store.appendSecond(second);
  progress.bucket?.(second, elapsedMs());
  return breaches;
}
