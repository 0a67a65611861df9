import { median } from 'simple-statistics';
import type { Detector } from './detector.js';
import { loadedSeconds, round, seriesEnding, span } from './run-facts.js';

/**
 * One core at 100 % while the host has idle ones: a single-threaded process (Node's event loop)
 * is the ceiling, whatever the machine's size. Busy means the process used a full core, or, for
 * a Node target, its event loop had no idle time (which also holds when the core is shared).
 */
export const singleCoreSaturated: Detector<{
  busyPercent: number;
  busyLoopPercent: number;
  minShare: number;
  minSeconds: number;
}> = {
  describes: 'one core at 100 % while the host has idle cores (a single-threaded bottleneck)',
  defaults: { busyPercent: 90, busyLoopPercent: 97, minShare: 0.3, minSeconds: 5 },
  detect(input, s) {
    const cores = input.run.meta.host.cpus;
    if (cores < 2) return [];
    const cpu =
      seriesEnding(input, 'cpu_percent').find((x) => x.id.startsWith('process.')) ??
      seriesEnding(input, 'cpu_percent')[0];
    const loop = seriesEnding(input, 'event_loop_utilization_percent')[0];
    if (!cpu && !loop) return [];
    const at = (series: typeof cpu, i: number): number | undefined => {
      const v = series?.values[i];
      return v === null || v === undefined ? undefined : v;
    };
    const loaded = loadedSeconds(input).filter(
      (i) => at(cpu, i) !== undefined || at(loop, i) !== undefined,
    );
    // Busy on one core (or one loop), yet well short of all of the host's cores.
    const busy = loaded.filter((i) => {
      const c = at(cpu, i);
      if (c !== undefined && c >= 100 * cores - 50) return false;
      return (c !== undefined && c >= s.busyPercent) || (at(loop, i) ?? 0) >= s.busyLoopPercent;
    });
    if (
      loaded.length === 0 ||
      busy.length < s.minSeconds ||
      busy.length / loaded.length < s.minShare
    )
      return [];
    const cpuMedian = cpu ? median(busy.map((i) => at(cpu, i) ?? 0)) : undefined;
    const loopMedian = loop ? median(busy.map((i) => at(loop, i) ?? 0)) : undefined;
    const measured = [
      cpuMedian !== undefined ? `process CPU median ${round(cpuMedian, 0)} % of one core` : '',
      loopMedian !== undefined ? `event-loop utilisation median ${round(loopMedian, 0)} %` : '',
    ].filter(Boolean);
    return [
      {
        id: 'cpu.single-core-saturated',
        severity: 'warning',
        title: `The target's one thread was saturated for ${busy.length} s while the host has ${cores} cores`,
        evidence: {
          text: `In ${busy.length} of ${loaded.length} loaded seconds the target was busy on a single thread (${measured.join(', ')}), never close to the ${cores * 100} % of CPU the host offers: one thread is the ceiling.`,
          figures: {
            busySeconds: busy.length,
            loadedSeconds: loaded.length,
            hostCores: cores,
            ...(cpuMedian !== undefined ? { medianCpuPercent: round(cpuMedian, 1) } : {}),
            ...(loopMedian !== undefined
              ? { medianLoopUtilisationPercent: round(loopMedian, 1) }
              : {}),
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
