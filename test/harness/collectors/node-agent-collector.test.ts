import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSample } from '../../../harness/agent/agent-sample.cjs';
import {
  mergeOneProcess,
  mergeProcesses,
  parseAgentLine,
} from '../../../harness/collectors/agent-lines.js';
import { NodeAgentCollector } from '../../../harness/collectors/node-agent-collector.js';
import { NODE_SERIES, gcSeriesId } from '../../../harness/collectors/node-series.js';

const gc = (scavenges = 0, ms = 0): AgentSample['gc'] => ({
  scavenge: { count: scavenges, totalMs: ms },
  markSweepCompact: { count: 0, totalMs: 0 },
  incremental: { count: 0, totalMs: 0 },
  weakCallbacks: { count: 0, totalMs: 0 },
});

const line = (over: Partial<AgentSample> = {}): AgentSample => ({
  v: 1,
  pid: 100,
  atMs: 0,
  intervalMs: 1000,
  eventLoopDelayP50Ms: 1,
  eventLoopDelayP99Ms: 5,
  eventLoopDelayMaxMs: 9,
  eventLoopBlockMaxMs: 0,
  eventLoopBlockedMs: 0,
  eventLoopUtilization: 0.2,
  heapUsedBytes: 10,
  heapTotalBytes: 20,
  heapLimitBytes: 1000,
  externalBytes: 1,
  arrayBuffersBytes: 1,
  rssBytes: 50,
  gc: gc(),
  activeHandles: 3,
  activeRequests: 0,
  ...over,
});

describe('agent lines', () => {
  it('accepts only lines shaped like the agent', () => {
    expect(parseAgentLine(JSON.stringify(line()))).toEqual(line());
    expect(parseAgentLine('{"v":2}')).toBeUndefined();
    expect(parseAgentLine('not json')).toBeUndefined();
    expect(parseAgentLine(JSON.stringify({ ...line(), heapUsedBytes: 'x' }))).toBeUndefined();
  });

  it('merges two lines of one tick: last gauges, worst delay, mean utilisation, GC summed', () => {
    const merged = mergeOneProcess([
      line({ eventLoopDelayP99Ms: 40, eventLoopUtilization: 0.2, heapUsedBytes: 1, gc: gc(2, 3) }),
      line({ eventLoopDelayP99Ms: 4, eventLoopUtilization: 0.6, heapUsedBytes: 2, gc: gc(1, 1) }),
    ]);
    expect(merged).toMatchObject({ eventLoopDelayP99Ms: 40, heapUsedBytes: 2 });
    expect(merged?.eventLoopUtilization).toBeCloseTo(0.4);
    expect(merged?.gc.scavenge).toEqual({ count: 3, totalMs: 4 });
  });

  it('merges two lines of one tick: the longest stall, blocked time summed (disjoint intervals)', () => {
    const merged = mergeOneProcess([
      line({ eventLoopBlockMaxMs: 300, eventLoopBlockedMs: 300 }),
      line({ eventLoopBlockMaxMs: 40, eventLoopBlockedMs: 55 }),
    ]);
    expect(merged).toMatchObject({ eventLoopBlockMaxMs: 300, eventLoopBlockedMs: 355 });
  });

  it('refuses a line without the stall figures', () => {
    const { eventLoopBlockedMs: _dropped, ...old } = line();
    expect(parseAgentLine(JSON.stringify(old))).toBeUndefined();
  });

  it('merges processes as one target: memory summed, the worst loop', () => {
    const merged = mergeProcesses([
      line({ pid: 1, heapUsedBytes: 10, eventLoopDelayP99Ms: 2, gc: gc(1, 1) }),
      line({ pid: 2, heapUsedBytes: 5, eventLoopDelayP99Ms: 30, gc: gc(2, 2) }),
    ]);
    expect(merged).toMatchObject({
      heapUsedBytes: 15,
      eventLoopDelayP99Ms: 30,
      heapLimitBytes: 1000,
    });
    expect(merged?.gc.scavenge).toEqual({ count: 3, totalMs: 3 });
  });
});

describe('NodeAgentCollector over its Unix socket', () => {
  let dir: string | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const agent = async (path: string): Promise<Socket> => {
    const socket = createConnection(path);
    sockets.push(socket);
    await new Promise((r) => socket.once('connect', r));
    return socket;
  };

  it('turns lines into series, keeps gauges across a tick with no line, then leaves a gap', async () => {
    dir = await mkdtemp(join(tmpdir(), 'loadrig-agent-unit-'));
    let nowMs = 0;
    const collector = new NodeAgentCollector(join(dir, 'a.sock'), 'api', () => nowMs);
    await collector.listening;
    expect(await collector.sample(0)).toEqual({});
    const socket = await agent(collector.socketPath);
    socket.write(
      JSON.stringify(
        line({
          heapUsedBytes: 123,
          gc: gc(2, 7.5),
          eventLoopBlockMaxMs: 250,
          eventLoopBlockedMs: 260,
        }),
      ) + '\n',
    );
    await new Promise((r) => setTimeout(r, 100));
    nowMs = 1000;
    const first = await collector.sample(0);
    expect(first[NODE_SERIES.heapUsed]).toBe(123);
    expect(first[NODE_SERIES.loopUtilization]).toBeCloseTo(20);
    expect(first[NODE_SERIES.gcCount]).toBe(2);
    expect(first[gcSeriesId('gcPause', 'scavenge')]).toBe(7.5);
    expect(first[NODE_SERIES.loopBlockMax]).toBe(250);
    // The histogram's max (9) missed the stall: the series is never below it.
    expect(first[NODE_SERIES.loopDelayMax]).toBe(250);
    expect(first[NODE_SERIES.loopBlocked]).toBe(260);
    nowMs = 2000; // no line this tick: the same gauges, no new GC and no new stall
    const second = await collector.sample(0);
    expect(second[NODE_SERIES.heapUsed]).toBe(123);
    expect(second[NODE_SERIES.gcCount]).toBe(0);
    expect(second[NODE_SERIES.loopBlockMax]).toBe(0);
    expect(second[NODE_SERIES.loopBlocked]).toBe(0);
    nowMs = 5000; // silent for longer than a tick or two: a gap
    expect(await collector.sample(0)).toEqual({});
    await collector.close();
  });

  it('keeps apart processes of different connections with the same pid (container replicas)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'loadrig-agent-unit-'));
    const collector = new NodeAgentCollector(join(dir, 'a.sock'), 'api');
    await collector.listening;
    const one = await agent(collector.socketPath);
    const two = await agent(collector.socketPath);
    one.write(JSON.stringify(line({ pid: 7, heapUsedBytes: 100, eventLoopDelayP99Ms: 3 })) + '\n');
    two.write(JSON.stringify(line({ pid: 7, heapUsedBytes: 50, eventLoopDelayP99Ms: 30 })) + '\n');
    await new Promise((r) => setTimeout(r, 100));
    expect(collector.reportingProcesses).toBe(2);
    const values = await collector.sample(0);
    expect(values[NODE_SERIES.heapUsed]).toBe(150);
    expect(values[NODE_SERIES.loopDelayP99]).toBe(30);
    one.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(collector.reportingProcesses).toBe(1);
    await collector.close();
  });

  it('forgets a process whose connection closed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'loadrig-agent-unit-'));
    const collector = new NodeAgentCollector(join(dir, 'a.sock'), 'api');
    await collector.listening;
    const socket = await agent(collector.socketPath);
    socket.write(JSON.stringify(line()) + '\n');
    await new Promise((r) => setTimeout(r, 100));
    expect(collector.reportingProcesses).toBe(1);
    socket.destroy();
    await new Promise((r) => setTimeout(r, 100));
    expect(collector.reportingProcesses).toBe(0);
    await collector.close();
  });
});
