import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../core/errors.js';
import { loadScenario } from '../../../harness/loader/load-scenario.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);

async function loadError(file: string): Promise<ScenarioError> {
  try {
    await loadScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`${file} loaded without error`);
}

describe('loadScenario', () => {
  it("loads a TypeScript scenario whose `import 'loadrig'` resolves to this loadrig", async () => {
    const s = await loadScenario(fixture('valid.ts'));
    expect(s.name).toBe('valid fixture');
    expect(s.profile).toMatchObject({ kind: 'constantRate', ratePerSec: 10, durationMs: 2000 });
    expect(s.thresholds[0]?.selector).toMatchObject({
      metric: 'http_req_duration',
      tags: { name: 'login' },
    });
  });

  it('reports every invalid field with its path, in one error', async () => {
    const e = await loadError(fixture('invalid-fields.ts'));
    expect(e.code).toBe('E_SCENARIO_INVALID');
    expect(e.message).toContain('invalid-fields.ts');
    expect(e.message).toMatch(/- name: /);
    expect(e.message).toMatch(/- profile\.startVus: /);
    expect(e.message).toMatch(
      /- thresholds\["http_req_duration"\]\[0\]: "p95<300" is not valid; expected .*p\(95\)<300/,
    );
    expect(e.message).toMatch(
      /- detectors\.latency\.p99: unknown detector; valid names: generator, /,
    );
    expect(e.message).toMatch(
      /- detectors\.errors\.rate\.warnPct: unknown setting; valid: warnPercent, criticalPercent/,
    );
  });

  it('names the field and the expected form of a malformed duration', async () => {
    const e = await loadError(fixture('bad-duration.ts'));
    expect(e.code).toBe('E_SCENARIO_INVALID');
    expect(e.message).toMatch(/profile\.rampUp: "10 seconds" is not a duration/);
  });

  it('explains a missing default export', async () => {
    const e = await loadError(fixture('no-default.ts'));
    expect(e.code).toBe('E_SCENARIO_INVALID');
    expect(e.hint).toMatch(/export default scenario/);
  });

  it('reports a syntax error as a load error naming the file', async () => {
    const e = await loadError(fixture('syntax-error.ts'));
    expect(e.code).toBe('E_SCENARIO_LOAD');
    expect(e.message).toContain('syntax-error.ts');
  });

  it('reports a missing file', async () => {
    const e = await loadError(fixture('nope.ts'));
    expect(e.code).toBe('E_SCENARIO_NOT_FOUND');
  });
});
