import { describe, expect, it } from 'vitest';
import type { MetricKind } from '../../../../core/run-dir/run-data.js';
import { k6OptionProblems } from '../../../helpers/k6/k6-option-rules.js';
import { k6DurationMs } from '../../../helpers/k6/k6-values.js';

// The test-only model of k6 v1.x's option rules: it must accept what k6 accepts and refuse, with
// k6's words, what k6 refuses, or the checks built on it prove nothing.
const facts = (custom: Record<string, MetricKind> = {}, exported = ['default']) => ({
  customMetrics: new Map(Object.entries(custom)),
  exportedFunctions: new Set(exported),
});
const one = (e: Record<string, unknown>) => ({ scenarios: { s: e } });

describe("the model of k6's option rules", () => {
  it('accepts options as k6 documents them', () => {
    const options = {
      scenarios: {
        browse: {
          executor: 'ramping-vus',
          startVUs: 0,
          stages: [
            { duration: '30s', target: 20 },
            { duration: '1m', target: 0 },
          ],
          gracefulRampDown: '10s',
          tags: { kind: 'browse' },
        },
        buy: {
          executor: 'constant-arrival-rate',
          rate: 5,
          timeUnit: '2s',
          duration: '1m',
          preAllocatedVUs: 2,
          maxVUs: 10,
          exec: 'buy',
          startTime: '30s',
          env: { STEP: 'buy' },
        },
        once: { executor: 'shared-iterations', vus: 2, iterations: 2, maxDuration: 1000 },
      },
      thresholds: {
        http_req_duration: [
          'p(95)<300',
          { threshold: 'p(99.9)<=1000', abortOnFail: true, delayAbortEval: '10s' },
        ],
        'http_req_duration{name:login,method:POST}': ['avg < 200'],
        checks: ['rate>0.99'],
        logins: ['count>=1', 'rate>0'],
      },
      tags: { team: 'shop' },
      summaryTrendStats: ['avg', 'p(99.9)', 'count'],
      maxRedirects: 3,
      insecureSkipTLSVerify: true,
      noCookiesReset: false,
    };
    expect(k6OptionProblems(options, facts({ logins: 'counter' }, ['default', 'buy']))).toEqual([]);
  });

  it.each([
    [
      'a fractional rate',
      one({ executor: 'constant-arrival-rate', rate: 2.5, duration: '10s', preAllocatedVUs: 1 }),
      'cannot unmarshal 2.5 into rate',
    ],
    [
      'a fractional stage target',
      one({
        executor: 'ramping-arrival-rate',
        preAllocatedVUs: 1,
        stages: [{ duration: '10s', target: 0.5 }],
      }),
      'cannot unmarshal 0.5 into target',
    ],
    [
      'a duration under 1 s',
      one({ executor: 'constant-vus', vus: 1, duration: '500ms' }),
      'the duration must be at least 1s, but is 500ms',
    ],
    [
      'a maxDuration under 1 s',
      one({ executor: 'per-vu-iterations', maxDuration: '999ms' }),
      'the maxDuration must be at least 1s',
    ],
    [
      'more VUs than shared iterations',
      one({ executor: 'shared-iterations', vus: 5, iterations: 3 }),
      "the number of iterations (3) can't be less than the number of VUs (5)",
    ],
    [
      'an exec that is not exported',
      one({ executor: 'constant-vus', duration: '10s', exec: 'buy' }),
      "function 'buy' not found in exports",
    ],
    [
      'a field of another executor',
      one({ executor: 'constant-vus', duration: '10s', gracefulRampDown: '1s' }),
      'json: unknown field "gracefulRampDown"',
    ],
    [
      'maxVUs below preAllocatedVUs',
      one({
        executor: 'constant-arrival-rate',
        rate: 1,
        duration: '10s',
        preAllocatedVUs: 5,
        maxVUs: 2,
      }),
      "maxVUs can't be less than preAllocatedVUs",
    ],
    [
      'a negative startTime',
      one({ executor: 'constant-vus', duration: '10s', startTime: '-1s' }),
      "the startTime can't be negative",
    ],
    [
      'a duration k6 cannot parse',
      one({ executor: 'constant-vus', duration: '10 seconds' }),
      "'10 seconds' is not a valid duration value",
    ],
    [
      'ramping VUs that never has one',
      one({ executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1s', target: 0 }] }),
      "either startVUs or one of the stages' target values must be greater than 0",
    ],
    ['an unknown executor', one({ executor: 'constant-rate' }), "executor type 'constant-rate'"],
    ['an unknown option', { timeout: '1s' }, 'options.timeout: unknown option'],
  ])("refuses %s with k6's message", (_what, options, message) => {
    expect(k6OptionProblems(options, facts()).join('\n')).toContain(message);
  });

  it('refuses a scenario name k6 does not allow', () => {
    const problems = k6OptionProblems(
      { scenarios: { 'buy now': { executor: 'constant-vus', duration: '10s' } } },
      facts(),
    );
    expect(problems.join('\n')).toContain(
      'the scenario name should contain only numbers, latin letters, underscores, and dashes',
    );
  });

  it.each([
    [{ flow_errors: ['count<1'] }, {}, 'no metric name "flow_errors" found'],
    [
      { 'logins{kind:x}': ['p(95)<1'] },
      { logins: 'counter' },
      'unsupported aggregation method p on metric of type counter',
    ],
    [
      { http_req_duration: ['rate<0.1'] },
      {},
      'unsupported aggregation method rate on metric of type trend',
    ],
    [{ http_req_duration: ['p( 95 )<300'] }, {}, 'malformed percentile value'],
    [{ http_req_duration: ['p95<300'] }, {}, 'failed parsing method from expression'],
    [{ http_req_duration: ['p(95)'] }, {}, 'malformed threshold expression'],
    [{ 'http_req_duration{name}': ['avg<1'] }, {}, 'tag expression is malformed'],
    [{ 'http_req_duration{name:x': ['avg<1'] }, {}, 'unmatched opening/close curly brace'],
    [
      { http_req_duration: [{ threshold: 'avg<1', delayAbortEval: 'soon' }] },
      {},
      "'soon' is not a valid duration value",
    ],
  ] as const)('refuses thresholds %j', (thresholds, custom, message) => {
    expect(
      k6OptionProblems({ thresholds }, facts(custom as Record<string, MetricKind>)).join('\n'),
    ).toContain(message);
  });

  it('needs an exported function', () => {
    expect(k6OptionProblems({}, facts({}, []))).toEqual(['no exported functions in script']);
  });
});

describe("k6's duration values (lib/types ParseExtendedDuration)", () => {
  it.each([
    ['1500ms', 1500],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    ['2d', 172_800_000],
    ['1d12h', 129_600_000],
    ['250', 250],
    [250, 250],
    ['0', 0],
  ])('reads %j as %d ms', (input, ms) => {
    expect(k6DurationMs(input)).toBe(ms);
  });

  it.each(['10 seconds', '1x', 's', '', '1d-1h', null])('refuses %j', (input) => {
    expect(k6DurationMs(input)).toBeUndefined();
  });
});
