/** GC kinds as Node's `gc` performance entries name them (perf_hooks constants). */
export type GcKind = 'scavenge' | 'markSweepCompact' | 'incremental' | 'weakCallbacks';

/**
 * One line the agent writes each second. Gauges are read at `atMs`; `eventLoop*` and `gc` cover
 * the `intervalMs` since the previous line (delays in ms beyond the sampling resolution).
 */
export interface AgentSample {
  v: 1;
  pid: number;
  atMs: number;
  intervalMs: number;
  eventLoopDelayP50Ms: number;
  eventLoopDelayP99Ms: number;
  /** Node's histogram max: it can miss a block (see the stall meter in node-agent.cts). */
  eventLoopDelayMaxMs: number;
  /** The longest stall of the loop (a timer late by 10 ms or more), 0 when none. */
  eventLoopBlockMaxMs: number;
  /** The stalls' total: time the loop could not run anything else. */
  eventLoopBlockedMs: number;
  /** 0..1: the share of the interval the loop spent running callbacks rather than idle. */
  eventLoopUtilization: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  heapLimitBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  rssBytes: number;
  gc: Record<GcKind, { count: number; totalMs: number }>;
  activeHandles: number;
  activeRequests: number;
}
