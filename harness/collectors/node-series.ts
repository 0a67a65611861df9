import { seriesDescriber } from './series-describer.js';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { AgentSample, GcKind } from '../agent/agent-sample.cjs';

/** Series ids of a Node runtime, whether read from loadrig's agent or from prom-client. */
export const NODE_SERIES = {
  loopDelayP50: 'node.event_loop_delay_p50_ms',
  loopDelayP99: 'node.event_loop_delay_p99_ms',
  loopDelayMax: 'node.event_loop_delay_max_ms',
  loopBlockMax: 'node.event_loop_block_max_ms',
  loopBlocked: 'node.event_loop_blocked_ms',
  loopUtilization: 'node.event_loop_utilization_percent',
  heapUsed: 'node.heap_used_bytes',
  heapTotal: 'node.heap_total_bytes',
  heapLimit: 'node.heap_limit_bytes',
  external: 'node.external_bytes',
  arrayBuffers: 'node.array_buffers_bytes',
  rss: 'node.rss_bytes',
  gcCount: 'node.gc_count',
  gcPause: 'node.gc_pause_ms',
  activeHandles: 'node.active_handles',
  activeRequests: 'node.active_requests',
} as const;

export const GC_KINDS: readonly GcKind[] = [
  'scavenge',
  'markSweepCompact',
  'incremental',
  'weakCallbacks',
];

/** Per-kind GC series: `node.gc_pause_ms.scavenge`, `node.gc_count.markSweepCompact`, ... */
export const gcSeriesId = (base: 'gcCount' | 'gcPause', kind: GcKind): string =>
  `${NODE_SERIES[base]}.${kind}`;

type Unit = ServerSeriesInfo['unit'];
const DESCRIPTIONS: [keyof typeof NODE_SERIES, string, Unit][] = [
  ['loopDelayP50', 'event-loop delay p50', 'ms'],
  ['loopDelayP99', 'event-loop delay p99', 'ms'],
  ['loopDelayMax', 'event-loop delay max', 'ms'],
  ['loopBlockMax', 'longest event-loop stall', 'ms'],
  ['loopBlocked', 'event-loop stalled time per second', 'ms'],
  ['loopUtilization', 'event-loop utilisation', 'percent'],
  ['heapUsed', 'heap used', 'bytes'],
  ['heapTotal', 'heap total', 'bytes'],
  ['heapLimit', 'heap limit', 'bytes'],
  ['external', 'external memory', 'bytes'],
  ['arrayBuffers', 'array buffers', 'bytes'],
  ['rss', 'resident memory (Node)', 'bytes'],
  ['gcCount', 'GC pauses (all kinds)', 'count'],
  ['gcPause', 'GC pause time (all kinds)', 'ms'],
  ['activeHandles', 'active handles', 'count'],
  ['activeRequests', 'active requests', 'count'],
];

/** Every Node series, described for run.json; `source` names where they come from. */
export function nodeSeriesInfo(label: string, source: string): ServerSeriesInfo[] {
  const info = seriesDescriber(label, source);
  return [
    ...DESCRIPTIONS.map(([key, name, unit]) => info(NODE_SERIES[key], name, unit)),
    ...GC_KINDS.flatMap((kind) => [
      info(gcSeriesId('gcCount', kind), `GC pauses (${kind})`, 'count'),
      info(gcSeriesId('gcPause', kind), `GC pause time (${kind})`, 'ms'),
    ]),
  ];
}

/** An agent line as series values (ELU as a percentage, GC totals also summed over kinds). */
export function agentSampleValues(sample: AgentSample): Record<string, number> {
  const values: Record<string, number> = {
    [NODE_SERIES.loopDelayP50]: sample.eventLoopDelayP50Ms,
    [NODE_SERIES.loopDelayP99]: sample.eventLoopDelayP99Ms,
    // Node's histogram can lose a block to its reset; the stall meter cannot.
    [NODE_SERIES.loopDelayMax]: Math.max(sample.eventLoopDelayMaxMs, sample.eventLoopBlockMaxMs),
    [NODE_SERIES.loopBlockMax]: sample.eventLoopBlockMaxMs,
    [NODE_SERIES.loopBlocked]: sample.eventLoopBlockedMs,
    [NODE_SERIES.loopUtilization]: sample.eventLoopUtilization * 100,
    [NODE_SERIES.heapUsed]: sample.heapUsedBytes,
    [NODE_SERIES.heapTotal]: sample.heapTotalBytes,
    [NODE_SERIES.heapLimit]: sample.heapLimitBytes,
    [NODE_SERIES.external]: sample.externalBytes,
    [NODE_SERIES.arrayBuffers]: sample.arrayBuffersBytes,
    [NODE_SERIES.rss]: sample.rssBytes,
    [NODE_SERIES.activeHandles]: sample.activeHandles,
    [NODE_SERIES.activeRequests]: sample.activeRequests,
    [NODE_SERIES.gcCount]: 0,
    [NODE_SERIES.gcPause]: 0,
  };
  for (const kind of GC_KINDS) {
    const { count, totalMs } = sample.gc[kind];
    values[gcSeriesId('gcCount', kind)] = count;
    values[gcSeriesId('gcPause', kind)] = totalMs;
    values[NODE_SERIES.gcCount] = (values[NODE_SERIES.gcCount] ?? 0) + count;
    values[NODE_SERIES.gcPause] = (values[NODE_SERIES.gcPause] ?? 0) + totalMs;
  }
  return values;
}
