import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { agentScriptPath } from '../../../harness/agent/agent-path.js';
import { NODE_SERIES, gcSeriesId } from '../../../harness/collectors/node-series.js';
import { drive, sampleWhile, startWithAgent, type AgentRun } from './agent-fixture.js';

let run: AgentRun | undefined;
afterEach(async () => {
  await run?.dispose();
  run = undefined;
});

const series = (samples: Record<string, number>[], id: string): number[] =>
  samples.map((s) => s[id]).filter((v): v is number => v !== undefined);

describe('the Node agent preloaded into the sample API', () => {
  it('is built (npm run build) where the provider looks for it', () => {
    expect(existsSync(agentScriptPath())).toBe(true);
  });

  it('leak mode: heap used rises over a short run', async () => {
    run = await startWithAgent({ SAMPLE_API_MODE: 'leak', LEAK_BYTES_PER_REQUEST: '65536' });
    const samples = await sampleWhile(run.collector, 5, drive(run.target.baseUrl, '/fast', 5000));
    const heap = series(samples, NODE_SERIES.heapUsed);
    expect(heap.length).toBeGreaterThanOrEqual(4);
    // Hundreds of requests x 64 KiB retained: tens of MB that no GC can free.
    expect((heap.at(-1) ?? 0) - (heap[0] ?? 0)).toBeGreaterThan(10 * 1024 * 1024);
    expect(heap.at(-1)).toBeLessThanOrEqual(samples.at(-1)?.[NODE_SERIES.heapTotal] ?? 0);
    expect(samples.at(-1)?.[NODE_SERIES.heapLimit]).toBeGreaterThan(heap.at(-1) ?? Infinity);
  });

  it('block mode: event-loop delay p99 reaches at least 50 ms', async () => {
    run = await startWithAgent({ SAMPLE_API_MODE: 'block', BLOCK_EVERY: '5', BLOCK_MS: '100' });
    const samples = await sampleWhile(run.collector, 4, drive(run.target.baseUrl, '/fast', 4000));
    const p99 = series(samples, NODE_SERIES.loopDelayP99);
    expect(Math.max(...p99)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...series(samples, NODE_SERIES.loopDelayMax))).toBeGreaterThanOrEqual(90);
    expect(Math.max(...series(samples, NODE_SERIES.loopUtilization))).toBeGreaterThan(30);
  });

  it('healthy mode: event-loop delay p99 stays small under the same load', async () => {
    run = await startWithAgent({ SAMPLE_API_MODE: 'healthy' });
    const samples = await sampleWhile(run.collector, 4, drive(run.target.baseUrl, '/fast', 4000));
    const p99 = series(samples, NODE_SERIES.loopDelayP99).sort((a, b) => a - b);
    expect(p99.length).toBeGreaterThanOrEqual(3);
    // The calmest second: on a shared 2-core machine other processes preempt the target and
    // every preemption reads as loop delay; a blocking target has no calm second at all.
    expect(p99[0]).toBeLessThan(20);
    expect(series(samples, NODE_SERIES.activeHandles).every((n) => n >= 1)).toBe(true);
  });

  it('gc mode: GC pauses are counted and timed, by kind', async () => {
    run = await startWithAgent({ SAMPLE_API_MODE: 'gc', GC_EVERY: '5', GC_ALLOC_MB: '16' });
    const samples = await sampleWhile(run.collector, 4, drive(run.target.baseUrl, '/fast', 4000));
    const sum = (id: string): number => series(samples, id).reduce((a, b) => a + b, 0);
    expect(sum(NODE_SERIES.gcCount)).toBeGreaterThan(5);
    expect(sum(NODE_SERIES.gcPause)).toBeGreaterThan(1);
    expect(sum(gcSeriesId('gcCount', 'scavenge'))).toBeGreaterThan(0);
    expect(sum(NODE_SERIES.gcCount)).toBe(
      sum(gcSeriesId('gcCount', 'scavenge')) +
        sum(gcSeriesId('gcCount', 'markSweepCompact')) +
        sum(gcSeriesId('gcCount', 'incremental')) +
        sum(gcSeriesId('gcCount', 'weakCallbacks')),
    );
  });
});

describe('the agent without loadrig', () => {
  it('is silent and inert when LOADRIG_AGENT_SOCKET is unset', () => {
    const out = spawnSync(
      process.execPath,
      ['--require', agentScriptPath(), '-e', 'console.log(1)'],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
        timeout: 10_000,
      },
    );
    expect(out.status).toBe(0);
    expect(out.stdout).toBe('1\n');
    expect(out.stderr).toBe('');
  });

  it('never keeps a process alive, even with nobody listening on its socket', () => {
    const started = performance.now();
    const out = spawnSync(process.execPath, ['--require', agentScriptPath(), '-e', '0'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', LOADRIG_AGENT_SOCKET: '/nonexistent/agent.sock' },
      timeout: 10_000,
    });
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
