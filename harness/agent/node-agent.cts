/**
 * loadrig's Node runtime agent, preloaded into Node targets with
 * `NODE_OPTIONS=--require <dist>/harness/agent/node-agent.cjs`.
 *
 * CommonJS on purpose: `--require` loads it in every Node version loadrig supports, before the
 * target's own code, whatever module system the target uses. It does nothing at all unless
 * loadrig set LOADRIG_AGENT_SOCKET, so a production image that keeps the flag stays silent.
 *
 * Off the hot path: nothing here runs per request. Node's native event-loop-delay histogram, a
 * stall meter (one unref'd timer every STALL_TICK_MS) and a GC PerformanceObserver accumulate in
 * the background; once a second (mid-second on the wall clock) an unref'd timer reads them,
 * writes one JSON line to the Unix socket loadrig listens on, and resets them. A write that
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
// Reports go out at the middle of each wall-clock second. loadrig samples just after every
// second boundary, so a report that a stall delays (by up to half a second) still lands in its
// own second, and no stall shifts the reports after it: an interval timer would be pushed to
// the end of every stall it fell due in and keep that phase, so a line, and the stalls in it,
// would slip into a neighbouring second whenever it crossed loadrig's boundary.
const REPORT_AT_MS = 500;
// A report that ran late by more than this waits for the next second's slot instead.
const MIN_REPORT_GAP_MS = 200;
// The native histogram samples the loop every RESOLUTION_MS; a reading is that interval plus
// the delay, so the interval is subtracted to report the delay alone.
const RESOLUTION_MS = 10;
const RECONNECT_MS = 1000;
// The stall meter's tick: a stall is seen by the first tick after it, so none is ever missed;
// its length is known to within about one tick (less when the loop is otherwise idle).
const STALL_TICK_MS = 50;
// A tick later than this marks a stall: below it is timer and scheduler jitter.
const STALL_FLOOR_MS = 10;
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

interface Stalls {
  maxMs: number;
  totalMs: number;
}

/**
 * Why not Node's histogram alone: `reset()` also forgets the time of its last tick, so the
 * first gap after every reset is never recorded. A block that starts before the histogram's
 * first tick after the report, or that ends just before a report which then runs ahead of that
 * tick (two overdue timers), vanishes from the second entirely; and a job on a whole-second
 * interval keeps meeting the report at the same phase. This meter never resets its clock: every
 * tick records how late it ran since the previous one, and the report only takes the totals.
 *
 * A late tick bounds the stall from below (the loop was unavailable from the tick's due time
 * until now); the loop's busy time in the window (ELU's idle time subtracted) bounds it from
 * above. The part of the window before the due time is credited to the stall only beyond what
 * the loop's utilisation in the previous tick would explain, so a saturated loop reads as its
 * lateness and an idle loop blocked once reads as the whole block.
 */
function meterStalls(): () => Stalls {
  const { performance } = perfHooks;
  let last = performance.now();
  let lastIdle = performance.eventLoopUtilization().idle;
  let utilisation = 0;
  let stalls: Stalls = { maxMs: 0, totalMs: 0 };
  setInterval(() => {
    const now = performance.now();
    const idle = performance.eventLoopUtilization().idle;
    const gapMs = now - last;
    const busyMs = Math.min(gapMs, Math.max(0, gapMs - (idle - lastIdle)));
    const lateMs = gapMs - STALL_TICK_MS;
    if (lateMs >= STALL_FLOOR_MS) {
      const before = Math.min(STALL_TICK_MS, Math.max(0, busyMs - lateMs));
      const stallMs = lateMs + Math.max(0, before - utilisation * STALL_TICK_MS);
      stalls.maxMs = Math.max(stalls.maxMs, stallMs);
      stalls.totalMs += stallMs;
    } else utilisation = gapMs > 0 ? busyMs / gapMs : 0;
    last = now;
    lastIdle = idle;
  }, STALL_TICK_MS).unref();
  return () => {
    const taken = stalls;
    stalls = { maxMs: 0, totalMs: 0 };
    return taken;
  };
}

function start(socketPath: string): void {
  const takeStalls = meterStalls();
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
    const stalls = takeStalls();
    const sample: AgentSample = {
      v: 1,
      pid: process.pid,
      atMs: Date.now(),
      intervalMs: nowMs - lastMs,
      eventLoopDelayP50Ms: delay.count > 0 ? delayMs(delay.percentile(50)) : 0,
      eventLoopDelayP99Ms: delay.count > 0 ? delayMs(delay.percentile(99)) : 0,
      eventLoopDelayMaxMs: delay.count > 0 ? delayMs(delay.max) : 0,
      eventLoopBlockMaxMs: stalls.maxMs,
      eventLoopBlockedMs: stalls.totalMs,
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
  const scheduleReport = (): void => {
    const intoSecond = Date.now() % 1000;
    let waitMs = (REPORT_AT_MS - intoSecond + 1000) % 1000;
    if (waitMs < MIN_REPORT_GAP_MS) waitMs += 1000;
    setTimeout(() => {
      try {
        report();
      } catch {
        // never let a sampling failure reach the target
      }
      scheduleReport();
    }, waitMs).unref();
  };
  scheduleReport();
}

const socketPath = process.env[SOCKET_ENV];
if (socketPath && workerThreads.isMainThread) {
  try {
    start(socketPath);
  } catch {
    // an agent that cannot start leaves the target alone
  }
}
