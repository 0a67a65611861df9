import type { SteadyWindow } from '../steady-window.js';
import type { HistoryMetric } from './history-metric.js';

/** Every request counted in the window. */
export function requestCount(window: SteadyWindow): number {
  let count = 0;
  for (const merged of window.endpoints().reqs.values()) {
    if (merged.kind === 'counter') count += merged.value;
  }
  return count;
}

/** HTTP requests per second over the window (all endpoints). */
export const throughput: HistoryMetric = {
  label: 'throughput',
  unit: 'reqPerSec',
  better: 'higher',
  figures(window) {
    const out = new Map<string | undefined, number>();
    if (window.seconds > 0 && window.endpoints().reqs.size > 0) {
      out.set(undefined, requestCount(window) / window.seconds);
    }
    return out;
  },
};
