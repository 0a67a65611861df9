import { describe, expect, it } from 'vitest';
import {
  breakpoint,
  constantArrivalRate,
  constantRate,
  constantVus,
  perVuIterations,
  ramp,
  rampingArrivalRate,
  rampingVus,
  scenario,
  scenarios,
  sharedIterations,
  soak,
  spike,
  stress,
  type ScenarioInput,
} from '../../index.js';
import { LoadrigError, type ErrorIssue } from '../../core/errors.js';

const base = {
  name: 'strict',
  target: 'sample-api',
  profile: soak({ vus: 1, duration: '1s' }),
  flow: async () => {},
};

/** Every issue scenario() reports for these fields (typed loosely: the typos are the point). */
function issuesOf(fields: Record<string, unknown>): ErrorIssue[] {
  try {
    scenario({ ...base, ...fields } as unknown as ScenarioInput);
  } catch (e) {
    if (LoadrigError.is(e)) return [...e.issues];
    throw e;
  }
  return [];
}
const loose = <T>(builder: (o: never) => T, options: Record<string, unknown>): T =>
  builder(options as never);

describe('scenario(): unknown fields, each with its path and the nearest valid name', () => {
  it.each([
    ['threshold', { threshold: {} }, 'threshold: unknown field; did you mean thresholds?'],
    [
      'gracefullStop',
      { gracefullStop: '5s' },
      'gracefullStop: unknown field; did you mean gracefulStop?',
    ],
    ['warmUp', { warmUp: '5s' }, 'warmUp: unknown field; did you mean warmup?'],
    ['maxRedirect', { maxRedirect: 3 }, 'maxRedirect: unknown field; did you mean maxRedirects?'],
    [
      'nonsense',
      { zzz: 1 },
      'zzz: unknown field; valid fields: name, target, profile, flow, flows, thresholds, httpTimeout, maxRedirects, insecureSkipTLSVerify, noCookiesReset, workers, warmup, gracefulStop, env, detectors',
    ],
    [
      'a threshold object field',
      { thresholds: { checks: [{ threshold: 'rate>0.9', abortOnFaill: true }] } },
      'thresholds["checks"][0].abortOnFaill: unknown field; did you mean abortOnFail?',
    ],
    [
      'a threshold object without threshold',
      { thresholds: { checks: { treshold: 'rate>0.9', delayAbortEval: '10s' } } },
      'thresholds["checks"].threshold: missing; expected string',
    ],
    [
      'a hand-written executor',
      {
        profile: {
          kind: 'scenarios',
          scenarios: { a: { executor: 'constant-vus', vus: 1, duration: 1000, gracefulStp: 1 } },
        },
      },
      'profile.scenarios.a.gracefulStp: unknown field; did you mean gracefulStop?',
    ],
    [
      'a hand-written profile',
      { profile: { kind: 'ramp', startVus: 0, stages: [{ durationMs: 1000, vu: 5 }] } },
      'profile.stages.0.vu: unknown field; did you mean vus?',
    ],
  ])('%s', (_, fields, expected) => {
    expect(issuesOf(fields).map((i) => `${i.path}: ${i.message}`)).toContain(expected);
  });
});

describe('profile builders hand their problems to scenario()', () => {
  it.each([
    [
      'ramp',
      () => loose(ramp, { to: 5, rampup: '10s', hold: '5s' }),
      ['profile.rampUp: missing', 'profile.rampup: unknown field; did you mean rampUp?'],
    ],
    [
      'ramp duration',
      () => loose(ramp, { to: 5, rampUp: '10 seconds', hold: '5s' }),
      ['profile.rampUp: "10 seconds" is not a duration'],
    ],
    [
      'spike',
      () => loose(spike, { baseline: 1, peak: 9, before: '1s', hold: '1s', afterr: '1s' }),
      ['profile.after: missing', 'profile.afterr: unknown field; did you mean after?'],
    ],
    [
      'soak',
      () => loose(soak, { vu: 5, duration: '1m' }),
      ['profile.vus: missing', 'profile.vu: unknown field; did you mean vus?'],
    ],
    [
      'constantRate',
      () => loose(constantRate, { rate: 50, duration: '1m', preAllocatedVus: 5 }),
      ['profile.preAllocatedVus: unknown field; did you mean preAllocatedVUs?'],
    ],
    [
      'constantRate rate',
      () => loose(constantRate, { rate: -1, duration: '1m' }),
      ['profile.rate: Too small'],
    ],
    [
      'stress',
      () => loose(stress, { step: 0, max: 10, stepDuraton: '30s' }),
      [
        'profile.step: Too small',
        'profile.stepDuration: missing',
        'profile.stepDuraton: unknown field; did you mean stepDuration?',
      ],
    ],
    [
      'breakpoint',
      () => loose(breakpoint, { to: 100, duration: '1m', maxVus: 10 }),
      ['profile.maxVus: unknown field; did you mean maxVUs?'],
    ],
  ])('%s', (_, build, expected) => {
    const lines = issuesOf({ profile: build() }).map((i) => `${i.path}: ${i.message}`);
    for (const line of expected)
      expect(
        lines.some((l) => l.startsWith(line)),
        `${line} in\n${lines.join('\n')}`,
      ).toBe(true);
  });

  it('lists a builder problem together with every other field problem', () => {
    const issues = issuesOf({
      name: '',
      profile: loose(ramp, { to: 5, rampup: '10s', hold: '5s' }),
      gracefullStop: '1s',
      thresholds: { http_req_duration: 'p95<300' },
    });
    expect(issues.map((i) => i.path)).toEqual([
      'profile.rampUp',
      'profile.rampup',
      'name',
      'gracefullStop',
      'thresholds["http_req_duration"]',
    ]);
  });
});

describe('executor builders hand their problems to scenarios() and scenario()', () => {
  it.each([
    [
      'constantVus',
      () => loose(constantVus, { vus: 2, duraton: '5s' }),
      ['duration: missing', 'duraton: unknown field; did you mean duration?'],
    ],
    [
      'rampingVus',
      () => loose(rampingVus, { stages: [{ duration: '5s', traget: 5 }] }),
      ['stages.0.target: missing', 'stages.0.traget: unknown field; did you mean target?'],
    ],
    [
      'constantArrivalRate',
      () => loose(constantArrivalRate, { rate: 5, duration: '5s', preAllocatedVus: 2 }),
      ['preAllocatedVUs: missing', 'preAllocatedVus: unknown field; did you mean preAllocatedVUs?'],
    ],
    [
      'rampingArrivalRate',
      () =>
        loose(rampingArrivalRate, {
          stages: [{ duration: '5s', target: 5 }],
          preAllocatedVUs: 2,
          timeunit: '1m',
        }),
      ['timeunit: unknown field; did you mean timeUnit?'],
    ],
    [
      'perVuIterations',
      () => loose(perVuIterations, { vus: 2, iteration: 5 }),
      ['iteration: unknown field; did you mean iterations?'],
    ],
    [
      'sharedIterations',
      () => loose(sharedIterations, { vus: 2, maxDuration: '5 min' }),
      ['maxDuration: "5 min" is not a duration'],
    ],
    [
      'a common option',
      () => loose(constantVus, { vus: 1, duration: '5s', gracefullStop: '1s' }),
      ['gracefullStop: unknown field; did you mean gracefulStop?'],
    ],
  ])('%s', (_, build, expected) => {
    const lines = issuesOf({ profile: scenarios({ main: build() }) }).map(
      (i) => `${i.path}: ${i.message}`,
    );
    for (const line of expected) {
      const full = `profile.scenarios.main.${line}`;
      expect(
        lines.some((l) => l.startsWith(full)),
        `${full} in\n${lines.join('\n')}`,
      ).toBe(true);
    }
  });
});

describe('a builder used outside scenario()', () => {
  it('fails clearly when its result is used', () => {
    const profile = loose(ramp, { to: 5, rampup: '10s', hold: '5s' });
    expect(() => profile.stages).toThrow(
      /ramp\(\.\.\.\) has invalid options.*\n {2}- rampUp: missing.*\n {2}- rampup: unknown field; did you mean rampUp\?/,
    );
    expect(() =>
      JSON.stringify(scenarios({ a: loose(constantVus, { vu: 1, duration: '1s' }) })),
    ).toThrow(
      /scenarios\(\.\.\.\) has invalid options.*\n {2}- scenarios\.a\.vu: unknown field; did you mean vus\?/,
    );
  });

  it('returns the plain profile when its options are right (its JSON is unchanged)', () => {
    expect(JSON.stringify(ramp({ to: 5, rampUp: '10s', hold: '5s', rampDown: 500 }))).toBe(
      JSON.stringify({
        kind: 'ramp',
        startVus: 0,
        stages: [
          { durationMs: 10_000, vus: 5 },
          { durationMs: 5000, vus: 5 },
          { durationMs: 500, vus: 0 },
        ],
      }),
    );
    expect(
      constantArrivalRate({ rate: 5, duration: '2s', preAllocatedVUs: 2, tags: { a: 'b' } }),
    ).toEqual({
      executor: 'constant-arrival-rate',
      rate: 5,
      timeUnit: 1000,
      duration: 2000,
      preAllocatedVUs: 2,
      maxVUs: 2,
      tags: { a: 'b' },
    });
    expect(stress({ step: 2, max: 4, stepDuration: '10s' }).stages).toEqual([
      { durationMs: 10_000, vus: 2 },
      { durationMs: 5000, vus: 4 },
      { durationMs: 10_000, vus: 4 },
    ]);
  });
});
