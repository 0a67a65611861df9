import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerSample } from '../../../core/run-dir/run-data.js';
import { NODE_SERIES } from '../../../harness/collectors/node-series.js';
import { runScenario } from '../../../harness/lifecycle/run-scenario.js';
import { constantRate } from '../../../scenarios/profile.js';
import { scenario } from '../../../scenarios/scenario.js';
import { sampleApi } from '../../../targets/sample-api/index.js';

const BLOCK_MS = 250;
const EVERY_MS = 3000;

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** A short constant load on the sample API blocking BLOCK_MS every EVERY_MS from a timer. */
async function run(agent: boolean) {
  const target = {
    ...sampleApi({
      env: {
        SAMPLE_API_MODE: 'periodic-block',
        PERIODIC_BLOCK_MS: String(BLOCK_MS),
        PERIODIC_BLOCK_EVERY_MS: String(EVERY_MS),
      },
    }),
    metrics: { agent },
  };
  const outDir = mkdtempSync(join(tmpdir(), 'loadrig-periodic-block-'));
  outDirs.push(outDir);
  const outcome = await runScenario({
    scenario: scenario({
      name: `periodic-block-${agent ? 'agent' : 'no-agent'}`,
      target,
      profile: constantRate({ rate: 40, duration: '36s' }),
      flow: async (vu) => {
        await vu.http.get('/fast');
      },
    }),
    outDir,
    interrupt: new AbortController().signal,
    progress: {},
    cwd: process.cwd(),
  });
  const finding = (outcome.analysis.findings ?? []).find(
    (f) => f.id === 'eventloop.periodic-block',
  );
  return { outcome, finding };
}

describe('the sample API in periodic-block mode, end to end', () => {
  it('with the agent: the stall series show every block and the detector names its length and period', async () => {
    const { outcome, finding } = await run(true);
    const server = readFileSync(join(outcome.dir, 'server.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ServerSample);
    const blocked = server.filter(
      (s) => (s.values[NODE_SERIES.loopBlockMax] ?? 0) >= BLOCK_MS * 0.8,
    );
    // One block every 3 s from the first to the last: none missed, none counted twice.
    const gaps = blocked.slice(1).map((s, i) => s.t - blocked[i]!.t);
    expect(blocked.length).toBeGreaterThanOrEqual(11);
    for (const gap of gaps) expect(Math.abs(gap - 3)).toBeLessThanOrEqual(1);
    const span = blocked.at(-1)!.t - blocked[0]!.t;
    expect(blocked.length).toBe(Math.round(span / 3) + 1);
    for (const s of blocked) {
      // The job allocates: a GC pause inside it lengthens that stall.
      const gcMs = s.values[NODE_SERIES.gcPause] ?? 0;
      expect(s.values[NODE_SERIES.loopBlockMax]).toBeLessThan(BLOCK_MS + 80 + gcMs);
      expect(s.values[NODE_SERIES.loopBlocked]).toBeGreaterThanOrEqual(BLOCK_MS * 0.8);
    }

    expect(finding).toMatchObject({ chart: 'server', severity: 'warning' });
    expect(finding?.title).toMatch(/^Event loop blocked ~\d+ms every ~[\d.]+ s \(\d+ times\)$/);
    // Seconds are the grid: the agent's report and loadrig's sampling tick can slip a stall
    // into the next second once in a run, which reads as 2.9 s over a dozen beats.
    expect(Math.abs(finding!.evidence.figures['periodSec']! - EVERY_MS / 1000)).toBeLessThan(0.2);
    expect(finding?.evidence.figures['blockMs']).toBeGreaterThanOrEqual(BLOCK_MS * 0.9);
    expect(finding?.evidence.figures['blockMs']).toBeLessThan(BLOCK_MS + 60);
  }, 90_000);

  it('without the agent: the detector finds the same stalls in client latency alone', async () => {
    const { outcome, finding } = await run(false);
    expect(outcome.analysis.timeline.server.map((s) => s.id)).not.toContain(
      NODE_SERIES.loopBlockMax,
    );
    expect(finding).toMatchObject({ chart: 'latency' });
    expect(finding?.title).toMatch(/^Requests stalled ~\d+ms every ~[\d.]+ s/);
    expect(Math.abs(finding!.evidence.figures['periodSec']! - EVERY_MS / 1000)).toBeLessThan(0.2);
    // Requests queued behind a block wait up to its whole length (open model: from schedule).
    expect(finding?.evidence.figures['blockMs']).toBeGreaterThanOrEqual(BLOCK_MS * 0.8);
    expect(finding?.evidence.figures['blockMs']).toBeLessThan(BLOCK_MS + 100);
  }, 90_000);
});
