import { describe, expect, it } from 'vitest';
import { LoadrigError } from '../../core/errors.js';
import {
  constantArrivalRate,
  constantVus,
  perVuIterations,
  rampingVus,
  sharedIterations,
} from '../../scenarios/executors.js';
import { constantRate, ramp, scenarios, soak, type Profile } from '../../scenarios/profile.js';
import { scenario } from '../../scenarios/scenario.js';

const flow = async (): Promise<void> => {};

function issuesOf(profile: Profile): { path: string; message: string }[] {
  try {
    scenario({ name: 'x', target: 'http://127.0.0.1:1', profile, flow });
  } catch (e) {
    expect(LoadrigError.is(e)).toBe(true);
    return [...(e as LoadrigError).issues];
  }
  return [];
}

describe("k6's executor bounds, kept by both engines", () => {
  it.each([
    [
      'constant-vus duration',
      scenarios({ a: constantVus({ vus: 2, duration: '500ms' }) }),
      'profile.scenarios.a.duration',
      /duration 500ms is below the minimum of 1s for constant-vus.*'1s'/,
    ],
    [
      'constant-arrival-rate duration',
      scenarios({ b: constantArrivalRate({ rate: 5, duration: 900, preAllocatedVUs: 1 }) }),
      'profile.scenarios.b.duration',
      /duration 900ms is below the minimum of 1s for constant-arrival-rate/,
    ],
    [
      'per-vu-iterations maxDuration',
      scenarios({ c: perVuIterations({ vus: 1, iterations: 1, maxDuration: '200ms' }) }),
      'profile.scenarios.c.maxDuration',
      /maxDuration 200ms is below the minimum of 1s/,
    ],
    [
      'shared-iterations with more VUs than iterations',
      scenarios({ d: sharedIterations({ vus: 5, iterations: 3, maxDuration: '10s' }) }),
      'profile.scenarios.d.iterations',
      /iterations 3 is fewer than vus 5.*lower vus to 3 or raise iterations to 5/,
    ],
    [
      'ramping-vus that never has a VU',
      scenarios({ e: rampingVus({ startVUs: 0, stages: [{ duration: '5s', target: 0 }] }) }),
      'profile.scenarios.e.stages',
      /startVUs and every stage target are 0/,
    ],
    [
      'constantRate profile shorter than 1 s',
      constantRate({ rate: 10, duration: '999ms' }),
      'profile.duration',
      /duration 999ms is below the minimum of 1s for constant-arrival-rate/,
    ],
    ['ramp to 0 VUs', ramp({ to: 0, rampUp: '1s', hold: '1s' }), 'profile.to', /every stage/],
  ])('refuses %s, naming the value, the limit and the fix', (_what, profile, path, message) => {
    const issues = issuesOf(profile);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toMatch(message);
  });

  it('accepts the limits themselves', () => {
    expect(
      issuesOf(
        scenarios({
          a: constantVus({ vus: 2, duration: '1s' }),
          b: sharedIterations({ vus: 3, iterations: 3, maxDuration: '1s' }),
          c: perVuIterations({ vus: 1, iterations: 1, maxDuration: 1000 }),
        }),
      ),
    ).toEqual([]);
    expect(issuesOf(soak({ vus: 1, duration: '1s' }))).toEqual([]);
  });
});
