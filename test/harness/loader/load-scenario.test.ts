import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../core/errors.js';
import { loadScenario, type LoadOptions } from '../../../harness/loader/load-scenario.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);

async function loadError(file: string, opts: LoadOptions = {}): Promise<ScenarioError> {
  try {
    await loadScenario(file, opts);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error(`${file} loaded without error`);
}

// Loading from source makes jiti compile loadrig itself for each file: seconds on a busy machine.
describe('loadScenario', { timeout: 30_000 }, () => {
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

  it('lists a mistake at every level of a file in one error, each with its path and nearest name', async () => {
    const e = await loadError(fixture('every-level.ts'));
    expect(e.code).toBe('E_SCENARIO_INVALID');
    const lines = e.issues.map((i) => `${i.path}: ${i.message}`);
    const users = join('test/fixtures/scenarios/data/users.csv');
    expect(lines).toEqual([
      `csvFeeder(${JSON.stringify(users)}).mod: unknown field; did you mean mode?`,
      `new Counter("logins bad"): not a valid name (10 characters); use 2 to 129 ASCII letters, digits and _, starting with a letter or _ (as k6), e.g. 'login_duration'`,
      "profile.scenarios.browse.duration: missing; expected a duration such as '30s'",
      'profile.scenarios.browse.duraton: unknown field; did you mean duration?',
      'profile.scenarios.buy.preAllocatedVUs: missing; expected number',
      'profile.scenarios.buy.preAllocatedVus: unknown field; did you mean preAllocatedVUs?',
      'target.dependencies.0.pasword: unknown field; did you mean password?',
      'target.healthPath: unknown field; did you mean health?',
      'thresholds["checks"][0].abortOnFaill: unknown field; did you mean abortOnFail?',
      'gracefullStop: unknown field; did you mean gracefulStop?',
      expect.stringMatching(
        /^detectors\.latency\.p99-tails: unknown detector; valid names: .*; did you mean latency\.p99-tail\?$/,
      ),
      'detectors.errors.rate.warnPercnt: unknown setting; valid: warnPercent, criticalPercent; did you mean warnPercent?',
      'thresholds["http_req_duraton"]: no metric named http_req_duraton; did you mean http_req_duration?',
      'thresholds["http_req_failed"][0]: "p(95)" does not apply to rate metric http_req_failed; use rate',
      'thresholds["login"]: no metric named login; did you mean logins?',
    ]);
  });

  it('refuses a misspelt import from loadrig before the flow ever runs, naming file and nearest export', async () => {
    const e = await loadError(fixture('misspelled-import.ts'));
    expect(e.code).toBe('E_SCENARIO_INVALID');
    expect(e.message).toContain('misspelled-import.ts is not a valid scenario');
    expect(e.message).toMatch(
      /- import statuss \(.*misspelled-import\.ts:2\): loadrig has no export named statuss; did you mean status\?/,
    );
  });

  it('reports a misspelt import with what its use broke while loading', async () => {
    const e = await loadError(fixture('imports/through-helper.ts'));
    expect(e.code).toBe('E_SCENARIO_INVALID');
    expect(e.issues.map((i) => i.path)).toEqual([
      expect.stringMatching(/^import bodyContain \(.*helper\.ts:2\)$/),
      expect.stringMatching(/^import soaks \(.*through-helper\.ts:10\)$/),
      '(loading stopped)',
    ]);
  });

  it('accepts thresholds on the custom metrics the file declares', async () => {
    const s = await loadScenario(fixture('custom-metrics.ts'));
    expect(s.thresholds.map((t) => t.selector.metric)).toEqual([
      'login_time',
      'logins',
      'login_ok',
      'http_req_duration',
    ]);
  });

  it('refuses a threshold on a metric the chosen engine does not record', async () => {
    await expect(loadScenario(fixture('k6-flow.ts'), { engine: 'builtin' })).resolves.toMatchObject(
      {
        name: 'k6 mapping',
      },
    );
    const file = fixture('k6-timing-threshold.ts');
    await expect(loadScenario(file, { engine: 'k6' })).resolves.toMatchObject({
      name: 'k6 timings',
    });
    const e = await loadError(file, { engine: 'builtin' });
    expect(e.message).toMatch(
      /- thresholds\["http_req_waiting"\]: the builtin engine does not record http_req_waiting/,
    );
  });

  it('reports a missing file', async () => {
    const e = await loadError(fixture('nope.ts'));
    expect(e.code).toBe('E_SCENARIO_NOT_FOUND');
  });
});
