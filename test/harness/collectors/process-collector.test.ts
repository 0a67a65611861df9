import { describe, expect, it } from 'vitest';
import { createCollectors } from '../../../harness/collectors/index.js';
import {
  cpuPercent,
  PROCESS_SERIES,
  ProcessCollector,
} from '../../../harness/collectors/process-collector.js';

describe('cpuPercent', () => {
  it('is percent of one core: 2 s of CPU in 1 s of wall time is 200', () => {
    const before = { atMs: 0, userTicks: 1000, systemTicks: 500 };
    const after = { atMs: 1000, userTicks: 1150, systemTicks: 550 };
    expect(cpuPercent(before, after)).toEqual({ user: 150, system: 50 });
  });

  it('reads a tree that lost CPU time (a member left) as 0, never negative', () => {
    const before = { atMs: 0, userTicks: 1000, systemTicks: 500 };
    expect(cpuPercent(before, { atMs: 500, userTicks: 900, systemTicks: 500 })).toEqual({
      user: 0,
      system: 0,
    });
  });
});

describe('ProcessCollector', () => {
  it('announces its series with units and the source', () => {
    const collector = new ProcessCollector(1234, 'api');
    expect(collector.series.map((s) => [s.id, s.unit])).toEqual([
      [PROCESS_SERIES.cpu, 'percent'],
      [PROCESS_SERIES.cpuUser, 'percent'],
      [PROCESS_SERIES.cpuSystem, 'percent'],
      [PROCESS_SERIES.rss, 'bytes'],
      [PROCESS_SERIES.threads, 'count'],
      [PROCESS_SERIES.openFds, 'count'],
    ]);
    expect(collector.series[0]?.source).toBe('process api (pid 1234)');
  });

  it('returns a gap, not an error, for a process that does not exist', async () => {
    await expect(new ProcessCollector(2 ** 22 + 1, 'gone').sample(Date.now())).resolves.toEqual({});
  });

  it('samples this very process: gauges first, CPU from the second sample on', async () => {
    const collector = new ProcessCollector(process.pid, 'self');
    const first = await collector.sample(Date.now());
    expect(Object.keys(first).sort()).toEqual(
      [PROCESS_SERIES.rss, PROCESS_SERIES.threads, PROCESS_SERIES.openFds].sort(),
    );
    expect(first[PROCESS_SERIES.rss]).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 20));
    const second = await collector.sample(Date.now());
    expect(second[PROCESS_SERIES.cpu]).toBeGreaterThanOrEqual(0);
  });
});

describe('createCollectors', () => {
  it('makes a process collector per process source', async () => {
    const collectors = await createCollectors([
      { kind: 'process', pid: 10, label: 'a' },
      { kind: 'process', pid: 11, label: 'b' },
    ]);
    expect(collectors).toHaveLength(2);
    expect(collectors[0]).toBeInstanceOf(ProcessCollector);
    expect((collectors[1] as ProcessCollector).pid).toBe(11);
  });
});
