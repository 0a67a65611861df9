/**
 * loadrig's Node runtime agent, preloaded into Node targets with
 * `NODE_OPTIONS=--require <dist>/harness/agent/node-agent.cjs`.
 *
 * CommonJS on purpose: `--require` loads it in every Node version loadrig supports, before the
 * target's own code, whatever module system the target uses. It does nothing at all unless
 * loadrig set LOADRIG_AGENT_SOCKET, so a production image that keeps the flag stays silent.
 *
 * Off the hot path: nothing here runs per request. Node's native event-loop-delay histogram and
 * a GC PerformanceObserver accumulate in the background; once a second an unref'd timer reads
 * them, writes one JSON line to the Unix socket loadrig listens on, and resets them. A write that
 * would queue (loadrig gone or slow) is dropped rather than buffered, and every failure is
 * swallowed: the agent must never change the target's behaviour or crash it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file under verbatimModuleSyntax can only import this way */
import net = require('node:net');
import perfHooks = require('node:perf_hooks');
import v8 = require('node:v8');
import workerThreads = require('node:worker_threads');
/* eslint-enable @typescript-eslint/no-require-imports */
import type { AgentSample, GcKind } from './agent-sample.cjs';

// Kept in step with AGENT_SOCKET_ENV in agent-injection.ts (this file cannot import ESM).
const SOCKET_ENV = 'LOADRIG_AGENT_SOCKET';
const INTERVAL_MS = 1000;
// The native histogram samples the loop every RESOLUTION_MS; a reading is that interval plus
// the delay, so the interval is subtracted to report the delay alone.
const RESOLUTION_MS = 10;
const RECONNECT_MS = 1000;
const NS_PER_MS = 1e6;

const { constants } = perfHooks;
const GC_KINDS: Record<number, GcKind> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'markSweepCompact',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakCallbacks',
};

type GcTotals = AgentSample['gc'];
const emptyGc = (): GcTotals => ({
  scavenge: { count: 0, totalMs: 0 },
  markSweepCompact: { count: 0, totalMs: 0 },
  incremental: { count: 0, totalMs: 0 },
  weakCallbacks: { count: 0, totalMs: 0 },
});

// Handles are long-lived (sockets, servers, timers); requests are one-shot operations in flight
// (fs, dns, writes), which libuv names *Req / *ReqWrap / FSReqCallback.
const isRequest = (resource: string): boolean => /Req(Wrap|Callback)?$/.test(resource);

function start(socketPath: string): void {
  const delay = perfHooks.monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let elu = perfHooks.performance.eventLoopUtilization();
  let gc = emptyGc();
  let lastMs = perfHooks.performance.now();
  const observer = new perfHooks.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as { detail?: { kind?: number } }).detail;
      const kind = GC_KINDS[detail?.kind ?? -1];
      if (!kind) continue;
      gc[kind].count++;
      gc[kind].totalMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });

  let socket: net.Socket | undefined;
  const connect = (): void => {
    const s = net.createConnection(socketPath);
    s.unref();
    s.on('connect', () => (socket = s));
    s.on('error', () => undefined);
    s.on('close', () => {
      if (socket === s) socket = undefined;
      setTimeout(connect, RECONNECT_MS).unref();
    });
  };
  connect();

  const delayMs = (ns: number): number => Math.max(0, ns / NS_PER_MS - RESOLUTION_MS);

  const report = (): void => {
    const nowMs = perfHooks.performance.now();
    const nextElu = perfHooks.performance.eventLoopUtilization();
    const mem = process.memoryUsage();
    const resources = process.getActiveResourcesInfo();
    const requests = resources.filter(isRequest).length;
    const sample: AgentSample = {
      v: 1,
      pid: process.pid,
      atMs: Date.now(),
      intervalMs: nowMs - lastMs,
      eventLoopDelayP50Ms: delay.count > 0 ? delayMs(delay.percentile(50)) : 0,
      eventLoopDelayP99Ms: delay.count > 0 ? delayMs(delay.percentile(99)) : 0,
      eventLoopDelayMaxMs: delay.count > 0 ? delayMs(delay.max) : 0,
      eventLoopUtilization: perfHooks.performance.eventLoopUtilization(nextElu, elu).utilization,
      heapUsedBytes: mem.heapUsed,
      heapTotalBytes: mem.heapTotal,
      heapLimitBytes: v8.getHeapStatistics().heap_size_limit,
      externalBytes: mem.external,
      arrayBuffersBytes: mem.arrayBuffers,
      rssBytes: mem.rss,
      gc,
      activeHandles: resources.length - requests,
      activeRequests: requests,
    };
    delay.reset();
    elu = nextElu;
    gc = emptyGc();
    lastMs = nowMs;
    // A socket that cannot take the line now (writableNeedDrain) loses it: never buffer.
    if (socket && !socket.writableNeedDrain) socket.write(JSON.stringify(sample) + '\n');
  };
  setInterval(() => {
    try {
      report();
    } catch {
      // never let a sampling failure reach the target
    }
  }, INTERVAL_MS).unref();
}

const socketPath = process.env[SOCKET_ENV];
if (socketPath && workerThreads.isMainThread) {
  try {
    start(socketPath);
  } catch {
    // an agent that cannot start leaves the target alone
  }
}
