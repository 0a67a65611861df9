import { describe, expect, it } from 'vitest';
import {
  compare,
  parseExpression,
  parseSelector,
  parseThresholds,
  ThresholdListError,
  ThresholdSyntaxError,
} from '../../scenarios/thresholds.js';

describe('parseExpression', () => {
  it.each([
    ['p(95)<300', { kind: 'percentile', p: 95 }, '<', 300],
    ['p(99.9)<=500', { kind: 'percentile', p: 99.9 }, '<=', 500],
    ['p(0)>=0', { kind: 'percentile', p: 0 }, '>=', 0],
    ['avg<100', { kind: 'avg' }, '<', 100],
    ['med<50.5', { kind: 'med' }, '<', 50.5],
    ['min>1', { kind: 'min' }, '>', 1],
    ['max<2000', { kind: 'max' }, '<', 2000],
    ['rate<0.01', { kind: 'rate' }, '<', 0.01],
    ['count>10', { kind: 'count' }, '>', 10],
    ['value==3', { kind: 'value' }, '==', 3],
    ['value!=-1', { kind: 'value' }, '!=', -1],
    ['count<1e3', { kind: 'count' }, '<', 1000],
    [' p(90) < 250 ', { kind: 'percentile', p: 90 }, '<', 250],
  ])('parses %j', (source, aggregation, comparator, value) => {
    expect(parseExpression(source)).toEqual({ source, aggregation, comparator, value });
  });

  it.each([
    'p95<300',
    'p(95)<',
    'foo',
    'avg',
    'avg<',
    '<300',
    'p(101)<5',
    'avg=<100',
    'sum<3',
    'p(95)<300ms',
    // k6 reads the number in p(...) with no space around it: it would refuse this before the test.
    'p( 90 )<250',
  ])('rejects %j with the input and the expected form', (source) => {
    const error = ((): unknown => {
      try {
        parseExpression(source, 'thresholds["x"]');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ThresholdSyntaxError);
    const e = error as ThresholdSyntaxError;
    expect(e.path).toBe('thresholds["x"]');
    expect(e.input).toBe(source);
    expect(e.message).toContain(JSON.stringify(source));
    expect(e.message).toMatch(/expected/);
  });

  it.each([
    ['value===3', { kind: 'value' }, '==', 3],
    ['count<1e+21', { kind: 'count' }, '<', 1e21],
    ['avg<.5', { kind: 'avg' }, '<', 0.5],
    ['avg<5.', { kind: 'avg' }, '<', 5],
    ['max<1E3', { kind: 'max' }, '<', 1000],
    ['rate>+0.5', { kind: 'rate' }, '>', 0.5],
    ['p(5e-1)<1', { kind: 'percentile', p: 0.5 }, '<', 1],
  ])("reads %j as k6's parser does", (source, aggregation, comparator, value) => {
    expect(parseExpression(source)).toEqual({ source, aggregation, comparator, value });
  });

  it.each(['avg<1e400', 'avg<Inf', 'avg<NaN', 'avg<0x10'])('refuses %j', (source) => {
    expect(() => parseExpression(source)).toThrow(ThresholdSyntaxError);
  });

  it('rejects a percentile above 100 with the valid range', () => {
    expect(() => parseExpression('p(100.5)<1')).toThrow(/between p\(0\) and p\(100\)/);
  });
});

describe('parseSelector', () => {
  it('parses a bare metric name', () => {
    expect(parseSelector('http_req_duration')).toEqual({
      source: 'http_req_duration',
      metric: 'http_req_duration',
      tags: {},
    });
  });

  it('parses one tag and several tags, trimming spaces', () => {
    expect(parseSelector('http_req_duration{name:login}').tags).toEqual({ name: 'login' });
    expect(parseSelector('http_req_duration{name:login,method:GET}')).toEqual({
      source: 'http_req_duration{name:login,method:GET}',
      metric: 'http_req_duration',
      tags: { name: 'login', method: 'GET' },
    });
    expect(parseSelector('checks{ check : status is 200 }').tags).toEqual({
      check: 'status is 200',
    });
  });

  it.each([
    '{name}',
    'http_req_duration{name}',
    'http_req_duration{:x}',
    'http_req_duration{}',
    '9lives',
    'a b',
  ])('rejects %j', (source) => {
    expect(() => parseSelector(source)).toThrow(ThresholdSyntaxError);
  });
});

describe('parseThresholds', () => {
  it('accepts a string or a list of expressions per selector', () => {
    const parsed = parseThresholds({
      http_req_duration: ['p(95)<300', 'avg<100'],
      'http_req_failed{name:login}': 'rate<0.01',
    });
    expect(
      parsed.map((t) => [t.selector.metric, t.selector.tags, t.expressions.map((e) => e.source)]),
    ).toEqual([
      ['http_req_duration', {}, ['p(95)<300', 'avg<100']],
      ['http_req_failed', { name: 'login' }, ['rate<0.01']],
    ]);
  });

  it('collects every problem with its path, not only the first', () => {
    let error: unknown;
    try {
      parseThresholds({
        http_req_duration: ['p(95)<300', 'p95<300', 'p(95)<'],
        '{name}': ['avg<1'],
        checks: 'foo',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ThresholdListError);
    const problems = (error as ThresholdListError).problems;
    expect(problems.map((p) => [p.path, p.input])).toEqual([
      ['thresholds["http_req_duration"][1]', 'p95<300'],
      ['thresholds["http_req_duration"][2]', 'p(95)<'],
      ['thresholds["{name}"]', '{name}'],
      ['thresholds["checks"]', 'foo'],
    ]);
    expect((error as Error).message.split('\n')).toHaveLength(4);
  });
});

describe('compare', () => {
  it.each([
    [1, '<', 2, true],
    [2, '<', 2, false],
    [2, '<=', 2, true],
    [3, '>', 2, true],
    [2, '>=', 2, true],
    [2, '==', 2, true],
    [2, '!=', 2, false],
  ] as const)('%d %s %d is %s', (actual, op, expected, result) => {
    expect(compare(actual, op, expected)).toBe(result);
  });
});
