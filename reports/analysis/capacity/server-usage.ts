import type { RunMeta, ServerSample } from '../../../core/run-dir/run-data.js';

/** The target's own load during a step: means over the step's measured seconds, null when unmeasured. */
export interface ServerUsage {
  /** CPU of the target in % of one core (every process, or every replica container, summed). */
  cpuPercent: number | null;
  eventLoopUtilisationPercent: number | null;
  /** Mean over the seconds of each second's event-loop delay p99. */
  eventLoopDelayP99Ms: number | null;
}

const LOOP_UTILISATION = 'node.event_loop_utilization_percent';
const LOOP_DELAY_P99 = 'node.event_loop_delay_p99_ms';

/** The series whose sum is the target's CPU: the process tree, else the target's containers. */
export function cpuSeriesIds(meta: RunMeta): string[] {
  const ids = new Set(meta.serverSeries.map((s) => s.id));
  if (ids.has('process.cpu_percent')) return ['process.cpu_percent'];
  const replicas = (meta.target.containers ?? []).filter((c) => c.role === 'target');
  return replicas.map((c) => `docker.${c.service}.cpu_percent`).filter((id) => ids.has(id));
}

export function serverUsage(
  meta: RunMeta,
  server: readonly ServerSample[],
  seconds: ReadonlySet<number>,
): ServerUsage {
  const samples = server.filter((s) => seconds.has(s.t));
  const cpuIds = cpuSeriesIds(meta);
  const meanOf = (value: (s: ServerSample) => number | undefined): number | null => {
    let sum = 0;
    let n = 0;
    for (const s of samples) {
      const v = value(s);
      if (v === undefined || !Number.isFinite(v)) continue;
      sum += v;
      n++;
    }
    return n > 0 ? sum / n : null;
  };
  return {
    cpuPercent:
      cpuIds.length === 0
        ? null
        : meanOf((s) =>
            cpuIds.every((id) => s.values[id] !== undefined)
              ? cpuIds.reduce((a, id) => a + (s.values[id] as number), 0)
              : undefined,
          ),
    eventLoopUtilisationPercent: meanOf((s) => s.values[LOOP_UTILISATION]),
    eventLoopDelayP99Ms: meanOf((s) => s.values[LOOP_DELAY_P99]),
  };
}
