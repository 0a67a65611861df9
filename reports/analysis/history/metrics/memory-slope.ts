import { theilSen } from '../../stats/theil-sen.js';
import type { HistoryMetric } from './history-metric.js';

/** Resident memory of the whole target: the local process tree, or each container's working set. */
export function isMemorySeries(id: string): boolean {
  return id === 'process.rss_bytes' || /^docker\.[^.]+\.memory_bytes$/.test(id);
}

/** Fewer sampled seconds than this give a slope that is mostly noise. */
const MIN_SECONDS = 10;

/**
 * How fast the target's memory grew under steady load, in MB per minute (Theil–Sen, robust to
 * GC sawteeth): a leak that one run's detector misses can still drift from run to run.
 */
export const memorySlope: HistoryMetric = {
  label: 'server memory growth',
  unit: 'mbPerMin',
  better: 'lower',
  figures(window) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const sample of window.server) {
      let bytes = 0;
      let seen = false;
      for (const [id, value] of Object.entries(sample.values)) {
        if (!isMemorySeries(id)) continue;
        bytes += value;
        seen = true;
      }
      if (seen) {
        xs.push(sample.t / 60);
        ys.push(bytes / 1e6);
      }
    }
    const out = new Map<string | undefined, number>();
    const fit = xs.length >= MIN_SECONDS ? theilSen(xs, ys) : undefined;
    if (fit) out.set(undefined, fit.slope);
    return out;
  },
};
