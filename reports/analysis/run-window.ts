import type { ClientBucket } from '../../core/run-dir/run-data.js';

/** The measured span of a run: first and last client bucket, in unix seconds. */
export interface RunWindow {
  startT: number | null;
  endT: number | null;
  /** Seconds from the first to the last bucket, inclusive (gaps count): the divisor for rates. */
  durationSec: number;
}

export function runWindow(buckets: readonly ClientBucket[]): RunWindow {
  if (buckets.length === 0) return { startT: null, endT: null, durationSec: 0 };
  let startT = Infinity;
  let endT = -Infinity;
  for (const { t } of buckets) {
    startT = Math.min(startT, t);
    endT = Math.max(endT, t);
  }
  return { startT, endT, durationSec: endT - startT + 1 };
}

/** `count` per second over the window; 0 for an empty run rather than NaN. */
export function perSecond(count: number, durationSec: number): number {
  return durationSec > 0 ? count / durationSec : 0;
}
