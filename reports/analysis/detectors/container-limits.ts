import { median } from 'simple-statistics';
import type { Finding } from '../../model/finding.js';
import type { Detector } from './detector.js';
import { loadedSeconds, round, seriesEnding, span } from './run-facts.js';

const container = (id: string): string => id.replace(/^docker\./, '').replace(/\.[^.]+$/, '');

/** A container held back by its CPU quota, or close to its memory limit (OOM-kill ahead). */
export const containerLimits: Detector<{
  throttledPercent: number;
  memoryWarnPercent: number;
  memoryCriticalPercent: number;
  minSeconds: number;
}> = {
  describes: 'container CPU throttling or memory near its limit',
  defaults: {
    throttledPercent: 20,
    memoryWarnPercent: 80,
    memoryCriticalPercent: 90,
    minSeconds: 3,
  },
  detect(input, s) {
    const loaded = loadedSeconds(input);
    const findings: Finding[] = [];
    for (const series of seriesEnding(input, 'throttled_percent')) {
      const over = loaded.filter((i) => (series.values[i] ?? 0) >= s.throttledPercent);
      if (over.length < s.minSeconds) continue;
      const typical = median(over.map((i) => series.values[i] as number));
      findings.push({
        id: 'container.cpu-throttled',
        severity: 'warning',
        title: `Container ${container(series.id)} was CPU-throttled in ${over.length} s (median ${round(typical, 0)} % of periods)`,
        evidence: {
          text: `Its CPU quota ran out in ≥ ${s.throttledPercent} % of scheduler periods during ${over.length} loaded seconds: requests waited for the next period.`,
          figures: { throttledSeconds: over.length, medianThrottledPercent: round(typical, 1) },
          ...span(input, over),
        },
        cause: 'The container needs more CPU than its limit allows under this load.',
        fix: 'Raise the CPU limit, add replicas, or cut per-request CPU; size instances from this run.',
        chart: 'server',
      });
    }
    for (const series of seriesEnding(input, 'memory_limit_percent')) {
      const values = loaded
        .map((i) => series.values[i])
        .filter((v): v is number => v !== null && v !== undefined);
      if (values.length === 0) continue;
      const peak = Math.max(...values);
      if (peak < s.memoryWarnPercent) continue;
      findings.push({
        id: 'container.memory-near-limit',
        severity: peak >= s.memoryCriticalPercent ? 'critical' : 'warning',
        title: `Container ${container(series.id)} reached ${round(peak, 0)} % of its memory limit`,
        evidence: {
          text: `Its memory use peaked at ${round(peak, 1)} % of the limit: past 100 % the kernel kills it (OOM).`,
          figures: { peakMemoryPercent: round(peak, 1) },
          ...span(
            input,
            loaded.filter((i) => (series.values[i] ?? 0) >= s.memoryWarnPercent),
          ),
        },
        cause:
          'The working set is close to the container limit: a leak, caches sized for a bigger box, or a heap limit above the container limit.',
        fix: 'Raise the memory limit or bound the caches; for Node keep --max-old-space-size about 75 % of the container memory.',
        chart: 'server',
      });
    }
    return findings;
  },
};
