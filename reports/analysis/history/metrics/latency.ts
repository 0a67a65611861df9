import { trendPercentile } from '../../../../core/series/merge.js';
import { endpointLabel, type SteadyWindow } from '../steady-window.js';
import type { HistoryMetric } from './history-metric.js';

/** A percentile of http_req_duration, for the whole run and per endpoint (ms). */
export function latencyPercentile(p: number): HistoryMetric {
  return {
    label: `p${p} latency`,
    unit: 'ms',
    better: 'lower',
    figures(window: SteadyWindow) {
      const out = new Map<string | undefined, number>();
      const all = window.allDurations();
      if (all?.kind === 'trend' && all.count > 0) out.set(undefined, trendPercentile(all, p));
      for (const [key, merged] of window.endpoints().durations) {
        if (merged.kind === 'trend' && merged.count > 0) {
          out.set(endpointLabel(key), trendPercentile(merged, p));
        }
      }
      return out;
    },
  };
}
