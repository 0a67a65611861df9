import type { HistoryMetric } from './history-metric.js';
import { requestCount } from './throughput.js';

/** Whole-target CPU series: the process tree of a local target, each container of a docker one. */
export function isCpuSeries(id: string): boolean {
  return id === 'process.cpu_percent' || /^docker\.[^.]+\.cpu_percent$/.test(id);
}

/**
 * Server CPU time spent per request (ms of one core), so a slower code path shows even when
 * the load, and with it the CPU use, differs between runs: mean CPU % over the window's
 * sampled seconds × 10 ms per % , divided by requests per second.
 */
export const cpuPerRequest: HistoryMetric = {
  label: 'server CPU per request',
  unit: 'msPerRequest',
  better: 'lower',
  figures(window) {
    let sum = 0;
    let sampled = 0;
    for (const sample of window.server) {
      let secondCpu = 0;
      let seen = false;
      for (const [id, value] of Object.entries(sample.values)) {
        if (!isCpuSeries(id)) continue;
        secondCpu += value;
        seen = true;
      }
      if (seen) {
        sum += secondCpu;
        sampled++;
      }
    }
    const out = new Map<string | undefined, number>();
    const reqPerSec = window.seconds > 0 ? requestCount(window) / window.seconds : 0;
    if (sampled > 0 && reqPerSec > 0) out.set(undefined, ((sum / sampled) * 10) / reqPerSec);
    return out;
  },
};
