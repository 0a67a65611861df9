import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario } from '../../../harness/lifecycle/run-scenario.js';
import { constantRate } from '../../../scenarios/profile.js';
import { scenario } from '../../../scenarios/scenario.js';
import { sampleApi } from '../../../targets/sample-api/index.js';

const outDirs: string[] = [];
afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** A constant arrival rate above what the run can serve, then its load-side findings. */
async function overload(opts: {
  name: string;
  env: Record<string, string>;
  path: string;
  rate: number;
  maxVUs: number;
}) {
  const outDir = mkdtempSync(join(tmpdir(), 'loadrig-overload-'));
  outDirs.push(outDir);
  const outcome = await runScenario({
    scenario: scenario({
      name: opts.name,
      target: sampleApi({ env: opts.env }),
      profile: constantRate({
        rate: opts.rate,
        duration: '15s',
        preAllocatedVUs: opts.maxVUs,
        maxVUs: opts.maxVUs,
      }),
      flow: async (vu) => {
        await vu.http.get(opts.path);
      },
    }),
    outDir,
    interrupt: new AbortController().signal,
    progress: {},
    cwd: process.cwd(),
  });
  const findings = outcome.analysis.findings ?? [];
  return {
    outcome,
    load: findings.filter((f) => f.chart === 'load' && f.id !== 'errors.flow'),
  };
}

describe('dropped iterations at a constant arrival rate, end to end', () => {
  it('an overloaded target (20 ms of CPU per request, 80/s offered): the target is saturated, the generator is not blamed', async () => {
    const { outcome, load } = await overload({
      name: 'overload-cpu',
      env: { SAMPLE_API_MODE: 'cpu', CPU_MS: '20' },
      path: '/fast',
      rate: 80,
      maxVUs: 20,
    });
    expect(outcome.run.meta.engineResult?.generator?.reliable).toBe(true);
    expect(load.map((f) => f.id)).toEqual(['target.saturated']);
    const f = load[0]!;
    // One core serves at most 50/s at 20 ms each; the schedule offered 80/s.
    expect(f.evidence.figures['offeredPerSec']).toBeGreaterThan(70);
    expect(f.evidence.figures['offeredPerSec']).toBeLessThanOrEqual(81);
    expect(f.evidence.figures['servedPerSec']).toBeLessThanOrEqual(52);
    expect(f.evidence.figures['allocatedVus']).toBe(20);
    expect(f.title).toMatch(
      /^The target serves ~\d+\/s of the ~\d+ iterations\/s offered: saturated/,
    );
  }, 90_000);

  it('a fast target behind too few VUs (50 ms per request, 2 VUs, 100/s offered): raise maxVUs', async () => {
    const { load } = await overload({
      name: 'overload-pool',
      env: { SAMPLE_API_MODE: 'healthy' },
      path: '/delay?ms=50',
      rate: 100,
      maxVUs: 2,
    });
    expect(load.map((f) => f.id)).toEqual(['load.vu-pool-exhausted']);
    const f = load[0]!;
    // Two VUs at ~50 ms each serve ~40/s; 100/s × 50 ms × 1.5 is about 8 VUs.
    expect(f.evidence.figures['servedPerSec']).toBeLessThanOrEqual(41);
    expect(f.evidence.figures['suggestedMaxVUs']).toBeGreaterThanOrEqual(7);
    expect(f.evidence.figures['suggestedMaxVUs']).toBeLessThanOrEqual(10);
    expect(f.fix).toMatch(/^Raise maxVUs to about \d+/);
  }, 90_000);
});
