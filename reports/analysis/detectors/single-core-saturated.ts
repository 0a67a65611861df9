import { median } from 'simple-statistics';
import type { Detector } from './detector.js';
import { loadedSeconds, round, seriesEnding, span } from './run-facts.js';

/**
 * One core at 100 % while the host has idle ones: a single-threaded process (Node's event loop)
 * is the ceiling, whatever the machine's size.
 */
export const singleCoreSaturated: Detector<{
  busyPercent: number;
  minShare: number;
  minSeconds: number;
}> = {
  describes: 'one core at 100 % while the host has idle cores (a single-threaded bottleneck)',
  defaults: { busyPercent: 90, minShare: 0.3, minSeconds: 5 },
  detect(input, s) {
    const cores = input.run.meta.host.cpus;
    if (cores < 2) return [];
    const cpu =
      seriesEnding(input, 'cpu_percent').find((x) => x.id.startsWith('process.')) ??
      seriesEnding(input, 'cpu_percent')[0];
    if (!cpu) return [];
    const loaded = loadedSeconds(input);
    const values = loaded
      .map((i) => cpu.values[i])
      .filter((v): v is number => v !== null && v !== undefined);
    const busy = loaded.filter((i) => {
      const v = cpu.values[i];
      // Busy on one core, yet well short of all of them.
      return v !== null && v !== undefined && v >= s.busyPercent && v < 100 * cores - 50;
    });
    if (
      values.length === 0 ||
      busy.length < s.minSeconds ||
      busy.length / values.length < s.minShare
    )
      return [];
    const busyMedian = median(busy.map((i) => cpu.values[i] as number));
    return [
      {
        id: 'cpu.single-core-saturated',
        severity: 'warning',
        title: `${cpu.label} ran at ~${round(busyMedian, 0)} % of one core for ${busy.length} s while the host has ${cores} cores`,
        evidence: {
          text: `In ${busy.length} of ${values.length} loaded seconds the target used ≥ ${s.busyPercent} % of one core (median ${round(busyMedian, 0)} %), never close to the ${cores * 100} % the host offers: one thread is the ceiling.`,
          figures: {
            busySeconds: busy.length,
            loadedSeconds: values.length,
            medianCpuPercent: round(busyMedian, 1),
            hostCores: cores,
          },
          ...span(input, busy),
        },
        cause:
          'A single-threaded process (one Node event loop) does all the work; extra cores stay idle.',
        fix: 'Run one process per core (cluster, several replicas behind a balancer) or move CPU-heavy work to worker threads; profile the hot functions.',
        chart: 'server',
      },
    ];
  },
};
