import type { HistoryMetric } from './history-metric.js';

/** Share of failed requests (http_req_failed), 0..1, over the window (all endpoints). */
export const errorRate: HistoryMetric = {
  label: 'error rate',
  unit: 'ratio',
  better: 'lower',
  figures(window) {
    let passes = 0;
    let total = 0;
    for (const merged of window.endpoints().failed.values()) {
      if (merged.kind !== 'rate') continue;
      passes += merged.passes;
      total += merged.total;
    }
    const out = new Map<string | undefined, number>();
    if (total > 0) out.set(undefined, passes / total);
    return out;
  },
};
