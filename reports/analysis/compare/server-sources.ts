import type { RunMeta } from '../../../core/run-dir/run-data.js';

/** The server-side quantities a comparison judges, each read from the best series a run has. */
export type ServerSource = 'cpu' | 'memory' | 'eventLoopP99' | 'gcPause';

/** One way to read a quantity: the series summed each second, and a scale to the unit used. */
export interface SourceOption {
  /** Names the option in the output (the series id, or `docker:<kind>` for summed containers). */
  name: string;
  ids: string[];
  scale: number;
}

const has = (meta: RunMeta, id: string): boolean => meta.serverSeries.some((s) => s.id === id);

/** The target's own containers (replicas), not its dependencies or the load balancer. */
function containerSeries(meta: RunMeta, suffix: string): string[] {
  const services = (meta.target.containers ?? [])
    .filter((c) => c.role === 'target')
    .map((c) => `docker.${c.service}.${suffix}`);
  return services.filter((id) => has(meta, id));
}

function single(meta: RunMeta, id: string, scale = 1): SourceOption[] {
  return has(meta, id) ? [{ name: id, ids: [id], scale }] : [];
}

function containers(meta: RunMeta, suffix: string, scale = 1): SourceOption[] {
  const ids = containerSeries(meta, suffix);
  return ids.length > 0 ? [{ name: `docker:${suffix}`, ids, scale }] : [];
}

/**
 * Options per quantity, most telling first. CPU is read as ms of CPU per second (% of one core
 * × 10), so that divided by requests it is CPU ms per request. Memory prefers the JS heap (what
 * a leak fills) over the process's resident memory.
 */
export const SERVER_SOURCES: Record<ServerSource, (meta: RunMeta) => SourceOption[]> = {
  cpu: (meta) => [
    ...single(meta, 'process.cpu_percent', 10),
    ...containers(meta, 'cpu_percent', 10),
  ],
  memory: (meta) => [
    ...single(meta, 'node.heap_used_bytes'),
    ...single(meta, 'process.rss_bytes'),
    ...containers(meta, 'memory_bytes'),
  ],
  eventLoopP99: (meta) => single(meta, 'node.event_loop_delay_p99_ms'),
  gcPause: (meta) => single(meta, 'node.gc_pause_ms'),
};

/** The first option every run has, by quantity; a quantity some run lacks is left out. */
export function commonSources(metas: readonly RunMeta[]): Partial<Record<ServerSource, string>> {
  const out: Partial<Record<ServerSource, string>> = {};
  for (const kind of Object.keys(SERVER_SOURCES) as ServerSource[]) {
    const perRun = metas.map((m) => SERVER_SOURCES[kind](m).map((o) => o.name));
    const first = perRun[0]?.find((name) => perRun.every((names) => names.includes(name)));
    if (first !== undefined) out[kind] = first;
  }
  return out;
}

/** Reads the chosen option's value from one second's samples; NaN when a series is missing. */
export function sourceReader(
  meta: RunMeta,
  kind: ServerSource,
  name: string,
): (values: Readonly<Record<string, number>>) => number {
  const option = SERVER_SOURCES[kind](meta).find((o) => o.name === name);
  if (!option) return () => NaN;
  return (values) => {
    let sum = 0;
    for (const id of option.ids) {
      const v = values[id];
      if (v === undefined || !Number.isFinite(v)) return NaN;
      sum += v;
    }
    return sum * option.scale;
  };
}
