import type { GcKind } from '../agent/agent-sample.cjs';
import { NODE_SERIES, gcSeriesId } from './node-series.js';
import type { PromReading } from './prom-readings.js';

// prom-client samples the loop every 10 ms (eventLoopMonitoringPrecision) and reports raw
// readings, interval included; the agent reports the delay beyond it. Subtract to match.
const PROM_CLIENT_LOOP_RESOLUTION_MS = 10;
const loopDelayMs = (seconds: number): number =>
  Math.max(0, seconds * 1000 - PROM_CLIENT_LOOP_RESOLUTION_MS);

/** prom-client default gauges that are the agent's series under another name and unit. */
const GAUGES: Record<string, [string, (v: number) => number]> = {
  nodejs_eventloop_lag_p50_seconds: [NODE_SERIES.loopDelayP50, loopDelayMs],
  nodejs_eventloop_lag_p99_seconds: [NODE_SERIES.loopDelayP99, loopDelayMs],
  nodejs_eventloop_lag_max_seconds: [NODE_SERIES.loopDelayMax, loopDelayMs],
  nodejs_heap_size_used_bytes: [NODE_SERIES.heapUsed, (v) => v],
  nodejs_heap_size_total_bytes: [NODE_SERIES.heapTotal, (v) => v],
  nodejs_external_memory_bytes: [NODE_SERIES.external, (v) => v],
  process_resident_memory_bytes: [NODE_SERIES.rss, (v) => v],
  nodejs_active_handles_total: [NODE_SERIES.activeHandles, (v) => v],
  nodejs_active_requests_total: [NODE_SERIES.activeRequests, (v) => v],
};

/** prom-client's `kind` label of nodejs_gc_duration_seconds, as the agent names GC kinds. */
const GC_KIND: Record<string, GcKind> = {
  minor: 'scavenge',
  major: 'markSweepCompact',
  incremental: 'incremental',
  weakcb: 'weakCallbacks',
};

export const PROM_EXTRA_PREFIX = 'prom.';

/** Where a reading goes: an agent series, GC totals (counted per interval), or an extra series. */
export type Mapped =
  | { to: 'gauge'; id: string; value: number }
  | { to: 'gc'; kind: GcKind; field: 'count' | 'totalMs'; total: number }
  | { to: 'extra'; id: string; kind: PromReading['kind']; value: number };

export function mapReading(r: PromReading): Mapped {
  // Own keys only: a metric called `constructor` is an extra series, not Object's constructor.
  const gauge = Object.hasOwn(GAUGES, r.name) ? GAUGES[r.name] : undefined;
  if (gauge && Object.keys(r.labels).length === 0) {
    return { to: 'gauge', id: gauge[0], value: gauge[1](r.value) };
  }
  const kindLabel = r.labels['kind'] ?? '';
  const gcKind = Object.hasOwn(GC_KIND, kindLabel) ? GC_KIND[kindLabel] : undefined;
  if (gcKind && r.name === 'nodejs_gc_duration_seconds_count')
    return { to: 'gc', kind: gcKind, field: 'count', total: r.value };
  if (gcKind && r.name === 'nodejs_gc_duration_seconds_sum')
    return { to: 'gc', kind: gcKind, field: 'totalMs', total: r.value * 1000 };
  return { to: 'extra', id: PROM_EXTRA_PREFIX + r.key, kind: r.kind, value: r.value };
}

export { gcSeriesId };
