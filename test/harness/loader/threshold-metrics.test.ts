import { describe, expect, it } from 'vitest';
import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { thresholdMetricIssues } from '../../../harness/loader/threshold-metrics.js';

const declared = new Map<string, Set<MetricKind>>([
  ['login_time', new Set(['trend'])],
  ['logins', new Set(['counter'])],
  ['login_ok', new Set(['rate'])],
]);
const lines = (thresholds: unknown, engine?: string) =>
  thresholdMetricIssues(thresholds, declared, engine).map((i) => `${i.path}: ${i.message}`);

describe('threshold metrics checked before any load', () => {
  it.each([
    [
      { http_req_duraton: ['p(95)<300'] },
      'thresholds["http_req_duraton"]: no metric named http_req_duraton; did you mean http_req_duration?',
    ],
    [
      { 'http_req_duraton{name:login}': 'p(95)<300' },
      'thresholds["http_req_duraton{name:login}"]: no metric named http_req_duraton; did you mean http_req_duration?',
    ],
    [
      { http_req_faild: 'rate<0.01' },
      'thresholds["http_req_faild"]: no metric named http_req_faild; did you mean http_req_failed?',
    ],
    [
      { iteration: 'count>0' },
      'thresholds["iteration"]: no metric named iteration; did you mean iterations?',
    ],
    [{ login: 'count>0' }, 'thresholds["login"]: no metric named login; did you mean logins?'],
    [
      { logintime: 'p(95)<1' },
      'thresholds["logintime"]: no metric named logintime; did you mean login_time?',
    ],
  ])('%j: an unknown metric, with the nearest known one', (thresholds, expected) => {
    expect(lines(thresholds)).toEqual([expected]);
  });

  it('lists what exists when nothing is close', () => {
    const [line] = lines({ checkout_total: 'count>0' });
    expect(line).toMatch(
      /^thresholds\["checkout_total"\]: no metric named checkout_total: it is neither built in \(http_req_duration, .*\) nor declared in this file \(login_time, logins, login_ok\); declare custom metrics at the top of the file/,
    );
  });

  it.each([
    [
      { http_req_failed: ['p(95)<0.01'] },
      'thresholds["http_req_failed"][0]: "p(95)" does not apply to rate metric http_req_failed; use rate',
    ],
    [
      { http_req_duration: 'rate<0.1' },
      'thresholds["http_req_duration"]: "rate" does not apply to trend metric http_req_duration; use avg, min, max, med, p(N)',
    ],
    [
      { login_ok: [{ threshold: 'avg<1' }] },
      'thresholds["login_ok"][0]: "avg" does not apply to rate metric login_ok; use rate',
    ],
    [
      { 'logins{kind:sso}': ['count>1', 'p(99)<2'] },
      'thresholds["logins{kind:sso}"][1]: "p(99)" does not apply to counter metric logins{kind:sso}; use count, rate',
    ],
  ])('%j: an aggregation the kind lacks', (thresholds, expected) => {
    expect(lines(thresholds)).toEqual([expected]);
  });

  it('accepts built-in and declared metrics with fitting aggregations', () => {
    expect(
      lines({
        http_req_duration: ['p(95)<300', 'avg<100', 'med<50', 'max<1000'],
        'http_req_duration{name:login}': { threshold: 'p(99)<800', abortOnFail: true },
        http_req_failed: 'rate<0.01',
        http_reqs: ['count>100', 'rate>10'],
        checks: 'rate>0.99',
        vus: 'value>0',
        login_time: 'p(95)<500',
        logins: 'count>0',
        login_ok: 'rate>0.9',
      }),
    ).toEqual([]);
  });

  it('refuses a metric the chosen engine does not record, and accepts it when the engine is unknown', () => {
    expect(lines({ http_req_waiting: 'p(95)<100' }, 'builtin')).toEqual([
      'thresholds["http_req_waiting"]: the builtin engine does not record http_req_waiting (only k6 does); run with --engine k6, or use http_req_duration (the whole request)',
    ]);
    expect(lines({ http_req_waiting: 'p(95)<100' }, 'k6')).toEqual([]);
    expect(lines({ http_req_waiting: 'p(95)<100' })).toEqual([]);
    expect(lines({ flow_errors: 'count<1' }, 'builtin')).toEqual([]);
    expect(lines({ generator_cpu: 'value<90' }, 'k6')).toEqual([
      'thresholds["generator_cpu"]: the k6 engine does not record generator_cpu (only builtin does); run with --engine builtin',
    ]);
  });

  it('leaves selectors and expressions that do not parse to the scenario validation', () => {
    expect(lines({ 'bad name{': 'p(95)<1', http_req_duration: 'p95<300' })).toEqual([]);
    expect(lines(undefined)).toEqual([]);
  });
});

describe('aggregations against the kind of a built-in metric, as k6 refuses them', () => {
  it.each([
    ['http_req_duration', 'rate<0.1', 'use avg, min, max, med, p(N)'],
    ['http_reqs', 'p(95)<3', 'use count, rate'],
    ['http_req_failed', 'count<3', 'use rate'],
    ['vus', 'avg<3', 'use value'],
    ['flow_errors', 'avg<1', 'use count, rate'],
  ])('refuses %s: %s, naming what the kind supports', (metric, expr, supported) => {
    const [line] = lines({ [metric]: [expr] });
    expect(line).toContain(`thresholds["${metric}"][0]`);
    expect(line).toContain(supported);
  });

  it('accepts every aggregation the kind supports', () => {
    expect(
      lines({
        http_req_duration: ['avg<1', 'min<1', 'max<1', 'med<1', 'p(99.9)<1'],
        'http_reqs{name:x}': ['count>1', 'rate>1'],
        checks: ['rate>0.9'],
        vus: ['value<10'],
        login_time: ['p(95)<1'],
      }),
    ).toEqual([]);
  });
});
