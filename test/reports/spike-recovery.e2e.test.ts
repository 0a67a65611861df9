import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/lifecycle/run-scenario.js';
import type { SummaryJson } from '../../reports/render/summary-json.js';
import { spike } from '../../scenarios/profile.js';
import { scenario } from '../../scenarios/scenario.js';
import { externalTarget } from '../../targets/target.js';
import { startServer } from '../helpers/http-server.js';

const BASE_MS = 20;
const DRAIN_PER_SEC = 60;
const MS_PER_UNIT = 0.25;

/**
 * A server that degrades under load and recovers slowly, as one with background work it must
 * catch up on (write-behind, compaction): every request leaves one unit of work, drained at
 * DRAIN_PER_SEC; each request waits BASE_MS plus MS_PER_UNIT per unit still owed. Above the
 * drain rate the debt grows; below it, it falls at a steady pace, so latency comes back over
 * seconds, not at once. It logs what it charged each request: the ground truth.
 */
function debtServer() {
  let debt = 0;
  let lastMs = performance.now();
  const charged: { atMs: number; delayMs: number }[] = [];
  const handler = (_req: unknown, res: { end(body: string): void }): void => {
    const now = performance.now();
    debt = Math.max(0, debt - ((now - lastMs) / 1000) * DRAIN_PER_SEC) + 1;
    lastMs = now;
    const delayMs = BASE_MS + debt * MS_PER_UNIT;
    charged.push({ atMs: Date.now(), delayMs });
    setTimeout(() => res.end('ok'), delayMs);
  };
  return { handler, charged };
}

const outDir = mkdtempSync(join(tmpdir(), 'loadrig-spike-e2e-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('a spike against a server that recovers slowly', () => {
  it('measures the recovery the server went through', { timeout: 120_000 }, async () => {
    const server = debtServer();
    await using origin = await startServer(server.handler as never);
    // 3 VUs ≈ 25 requests/s, below the drain; 24 VUs ≈ 160 requests/s, far above it.
    const outcome = await runScenario({
      scenario: scenario({
        name: 'spike recovery e2e',
        target: externalTarget(origin.url),
        profile: spike({ baseline: 3, peak: 24, before: '8s', hold: '5s', after: '24s' }),
        flow: async (vu) => {
          await vu.http.get('/work');
          await vu.sleep(0.1);
        },
      }),
      outDir,
      interrupt: new AbortController().signal,
      progress: {},
      cwd: process.cwd(),
    });
    const r = outcome.analysis.spikeRecovery;
    expect(r).toBeDefined();
    if (r === undefined) return;
    expect(r.baselineP95Ms).toBeGreaterThanOrEqual(BASE_MS);
    expect(r.baselineP95Ms).toBeLessThan(BASE_MS + 15);
    expect(r.peakP95Ms).toBeGreaterThan(3 * r.baselineP95Ms);
    expect(r.recoverySec).not.toBeNull();
    // Ground truth: from the server's own charges, the first moment after the spike from which
    // every request it delayed stayed within the threshold.
    const after = server.charged.filter((c) => c.atMs >= r.spikeEndT * 1000);
    const lastOver = after.findLast((c) => c.delayMs > r.thresholdMs);
    const truthSec = lastOver === undefined ? 0 : lastOver.atMs / 1000 - r.spikeEndT;
    console.info(
      `spike: baseline p95 ${r.baselineP95Ms} ms, peak ${r.peakP95Ms} ms, recovery ${r.recoverySec} s (server's own charges: ${truthSec.toFixed(1)} s)`,
    );
    expect(truthSec).toBeGreaterThan(3); // a slow recovery, by construction
    expect(Math.abs((r.recoverySec ?? 0) - truthSec)).toBeLessThanOrEqual(2);

    const summary = JSON.parse(
      readFileSync(join(outcome.dir, 'summary.json'), 'utf8'),
    ) as SummaryJson;
    expect(summary.spikeRecovery).toEqual(JSON.parse(JSON.stringify(r)));
    const meta = JSON.parse(readFileSync(join(outcome.dir, 'run.json'), 'utf8')) as {
      phases: { kind: string; level?: number }[];
    };
    expect(meta.phases.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['hold', 'ramp-up', 'hold', 'ramp-down', 'hold']),
    );
  });
});
