import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRun } from '../../core/run-dir/read-run.js';
import { steadySeconds } from '../../core/run-dir/phases.js';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { toSummaryJson } from '../../reports/render/summary-json.js';

const V1 = join(import.meta.dirname, '..', 'fixtures', 'run-dirs', 'v1');
const runs = readdirSync(V1).sort();

describe('run directories written by loadrig 0.1.0 (schema 1)', () => {
  it.each(runs)('%s reads as schema 2 and re-analyses to the summary.json it wrote', (name) => {
    const dir = join(V1, name);
    const run = readRun(dir);
    expect(run.meta.schemaVersion).toBe(2);
    expect(run.meta.phasesSource).toBe('derived');
    const written = readFileSync(join(dir, 'summary.json'), 'utf8');
    // Schema 1 only ever adds fields: what 0.1.0 wrote comes back byte for byte, and the
    // fields added since are there on top.
    const { flowErrors, requestErrors, spikeRecovery, verdictLine, error, ...asWritten } =
      toSummaryJson(run, analyseRun(run));
    const again = JSON.stringify(asWritten, null, 2) + '\n';
    expect(again).toBe(written);
    expect([flowErrors, requestErrors, spikeRecovery, error]).toEqual([[], [], null, null]);
    expect(verdictLine).toMatch(/^(PASSED|FAILED)/);
  });

  it('derives the load model and the phases from the profile', () => {
    const demo = readRun(join(V1, runs.find((r) => r.endsWith('-demo')) as string));
    expect(demo.meta.scenario.loadModel).toBe('closed');
    expect(demo.meta.phases.map((p) => p.kind)).toEqual(['ramp-up', 'hold', 'ramp-down']);
    const hold = demo.meta.phases[1];
    expect(hold?.level).toBe(20);
    expect((hold?.endMs ?? 0) - (hold?.startMs ?? 0)).toBe(4000);
    // Only whole seconds inside the hold count as steady.
    expect(steadySeconds(demo.meta.phases).size).toBeGreaterThanOrEqual(3);

    const open = readRun(join(V1, runs.find((r) => r.endsWith('open-model')) as string));
    expect(open.meta.scenario.loadModel).toBe('open');
    expect(open.meta.phases).toEqual([
      expect.objectContaining({ kind: 'hold', scenario: 'default', level: 50 }),
    ]);

    const k6 = readRun(join(V1, runs.find((r) => r.endsWith('k6-import')) as string));
    expect(k6.meta.scenario.loadModel).toBe('unknown');
    expect(k6.meta.phases).toEqual([]);
  });
});
