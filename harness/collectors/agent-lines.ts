import type { AgentSample } from '../agent/agent-sample.cjs';
import { GC_KINDS } from './node-series.js';

const SUMMED = [
  'heapUsedBytes',
  'heapTotalBytes',
  'externalBytes',
  'arrayBuffersBytes',
  'rssBytes',
  'activeHandles',
  'activeRequests',
] as const;
const WORST = [
  'eventLoopDelayP50Ms',
  'eventLoopDelayP99Ms',
  'eventLoopDelayMaxMs',
  'eventLoopBlockMaxMs',
  'eventLoopBlockedMs',
  'eventLoopUtilization',
  'heapLimitBytes',
] as const;

/** A line is only trusted if it looks like the agent's; anything else is ignored. */
export function parseAgentLine(text: string): AgentSample | undefined {
  try {
    const value = JSON.parse(text) as Partial<AgentSample>;
    if (value.v !== 1 || typeof value.pid !== 'number' || typeof value.gc !== 'object') return;
    const numeric = [...SUMMED, ...WORST].every((k) => Number.isFinite(value[k]));
    return numeric ? (value as AgentSample) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Several lines from one process in one collector tick (the agent's timer and loadrig's drift
 * against each other): gauges from the last, the worst delay and stall, the mean utilisation,
 * GC and blocked time summed (each line covers its own interval).
 */
export function mergeOneProcess(lines: AgentSample[]): AgentSample | undefined {
  const last = lines.at(-1);
  if (!last) return undefined;
  const merged: AgentSample = { ...last, gc: structuredClone(last.gc) };
  for (const key of [
    'eventLoopDelayP50Ms',
    'eventLoopDelayP99Ms',
    'eventLoopDelayMaxMs',
    'eventLoopBlockMaxMs',
  ] as const)
    merged[key] = Math.max(...lines.map((l) => l[key]));
  merged.eventLoopBlockedMs = lines.reduce((sum, l) => sum + l.eventLoopBlockedMs, 0);
  merged.eventLoopUtilization =
    lines.reduce((sum, l) => sum + l.eventLoopUtilization, 0) / lines.length;
  for (const kind of GC_KINDS) {
    merged.gc[kind] = {
      count: lines.reduce((sum, l) => sum + l.gc[kind].count, 0),
      totalMs: lines.reduce((sum, l) => sum + l.gc[kind].totalMs, 0),
    };
  }
  return merged;
}

/**
 * Several Node processes of one target (`npm start` and its server, cluster workers) read as
 * one, like the process collector's tree: memory, handles and GC summed, the worst event loop.
 */
export function mergeProcesses(samples: AgentSample[]): AgentSample | undefined {
  const [first, ...rest] = samples;
  if (!first) return undefined;
  const merged: AgentSample = { ...first, gc: structuredClone(first.gc) };
  for (const s of rest) {
    for (const key of SUMMED) merged[key] += s[key];
    for (const key of WORST) merged[key] = Math.max(merged[key], s[key]);
    for (const kind of GC_KINDS) {
      merged.gc[kind].count += s.gc[kind].count;
      merged.gc[kind].totalMs += s.gc[kind].totalMs;
    }
  }
  return merged;
}
