import { steadySeconds } from '../../../core/run-dir/phases.js';
import type { ClientBucket, RunData } from '../../../core/run-dir/run-data.js';

/** Which seconds of a run a comparison counts, and why those. */
export interface SteadyWindow {
  buckets: ClientBucket[];
  /**
   * `hold`: whole seconds inside the hold phases of run.json (ramps, warm-up and drain left
   * out). `loaded`: the run records no hold phase (a k6 import, an iterations executor), so
   * every second with load counts, ramps included.
   */
  source: 'hold' | 'loaded';
}

export function steadyWindow(run: RunData): SteadyWindow {
  const hold = steadySeconds(run.meta.phases);
  const buckets = run.client.filter((b) => hold.has(b.t));
  if (buckets.length > 0) return { buckets: sortByT(buckets), source: 'hold' };
  return { buckets: sortByT(run.client.filter(hasLoad)), source: 'loaded' };
}

function hasLoad(b: ClientBucket): boolean {
  if (b.vus > 0) return true;
  for (const s of b.metrics['http_reqs'] ?? [])
    if (s.kind === 'counter' && s.value > 0) return true;
  for (const s of b.metrics['http_req_duration'] ?? [])
    if (s.kind === 'trend' && s.count > 0) return true;
  return false;
}

function sortByT(buckets: ClientBucket[]): ClientBucket[] {
  return [...buckets].sort((a, b) => a.t - b.t);
}
