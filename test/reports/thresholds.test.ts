import { describe, expect, it } from 'vitest';
import { evaluateThresholds } from '../../reports/analysis/thresholds/thresholds.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import { parseThresholds } from '../../scenarios/thresholds.js';
import { httpBucket, range, runData } from './fixtures/run-data-builder.js';

// 10 s of traffic: "login" 1..100 ms (100 requests, 5 failed), "home" a flat 20 ms.
const client: ClientBucket[] = [
  httpBucket(0, [
    { name: 'login', method: 'POST', durationsMs: range(1, 100, 100), failed: 5 },
    { name: 'home', durationsMs: Array(50).fill(20) },
  ]),
  ...Array.from({ length: 9 }, (_, i) =>
    httpBucket(i + 1, [{ name: 'home', durationsMs: Array(50).fill(20) }]),
  ),
];
client[0]!.metrics['checks'] = [
  { kind: 'rate', tags: { check: 'status is 200' }, passes: 95, total: 100 },
  { kind: 'rate', tags: { check: 'has token' }, passes: 100, total: 100 },
];
client[9]!.metrics['queue_depth'] = [{ kind: 'gauge', tags: {}, value: 3, min: 0, max: 8 }];
const run = runData(client);

function evaluate(input: Record<string, string[]>) {
  return evaluateThresholds(run, parseThresholds(input));
}

describe('evaluateThresholds', () => {
  it('passes and fails trend aggregations on the merged histogram', () => {
    const results = evaluate({
      'http_req_duration{name:login}': [
        'p(95)<100',
        'p(95)<90',
        'avg<=50.5',
        'med<50',
        'min==1',
        'max<100',
      ],
    });
    expect(results.map((r) => [r.expression, r.ok])).toEqual([
      ['p(95)<100', true],
      ['p(95)<90', false],
      ['avg<=50.5', true],
      ['med<50', false],
      ['min==1', true],
      ['max<100', false],
    ]);
    const p95 = results[0]!;
    expect(p95).toMatchObject({
      selector: 'http_req_duration{name:login}',
      aggregation: 'p(95)',
      metricKind: 'trend',
    });
    expect(p95.actual).toBeGreaterThanOrEqual(95);
    expect(p95.actual).toBeLessThanOrEqual(95.1);
    expect(results[2]!.actual).toBe(50.5);
    expect(p95.message).toBeUndefined();
  });

  it('aggregates over all series of the metric when the selector has no tags', () => {
    // 600 requests: 100 login (1..100), 500 home at 20 ms.
    const [avg] = evaluate({ http_req_duration: ['avg<25'] });
    expect(avg!.actual).toBeCloseTo((5050 + 500 * 20) / 600, 9);
    expect(avg!.ok).toBe(false);
  });

  it('evaluates rates, counters (count and per second) and gauges', () => {
    const results = evaluate({
      http_req_failed: ['rate<0.01'],
      'http_req_failed{name:home}': ['rate==0'],
      'checks{check:status is 200}': ['rate>0.9'],
      http_reqs: ['count>500', 'rate>=60'],
      queue_depth: ['value<5'],
    });
    expect(results.map((r) => [r.selector, r.expression, r.actual, r.ok])).toEqual([
      ['http_req_failed', 'rate<0.01', 5 / 600, true],
      ['http_req_failed{name:home}', 'rate==0', 0, true],
      ['checks{check:status is 200}', 'rate>0.9', 0.95, true],
      ['http_reqs', 'count>500', 600, true],
      ['http_reqs', 'rate>=60', 60, true],
      ['queue_depth', 'value<5', 3, true],
    ]);
  });

  it('fails a selector with no samples, naming it', () => {
    const results = evaluate({
      'http_req_duration{name:logout}': ['p(95)<300'],
      not_emitted: ['count<1'],
    });
    expect(results).toEqual([
      {
        selector: 'http_req_duration{name:logout}',
        expression: 'p(95)<300',
        aggregation: 'p(95)',
        metricKind: null,
        ok: false,
        actual: null,
        message: expect.stringContaining('no samples for http_req_duration{name:logout}'),
      },
      expect.objectContaining({
        ok: false,
        actual: null,
        message: expect.stringContaining('no samples for not_emitted'),
      }),
    ]);
  });

  it('fails an aggregation the metric kind does not have, listing the valid ones', () => {
    const results = evaluate({
      http_req_duration: ['count>1', 'rate<1'],
      http_req_failed: ['p(95)<1'],
      http_reqs: ['avg<1'],
      queue_depth: ['max<10'],
    });
    expect(results.map((r) => [r.ok, r.actual, r.message])).toEqual([
      [
        false,
        null,
        '"count" does not apply to trend metric http_req_duration; use avg, min, max, med, p(N)',
      ],
      [
        false,
        null,
        '"rate" does not apply to trend metric http_req_duration; use avg, min, max, med, p(N)',
      ],
      [false, null, '"p(95)" does not apply to rate metric http_req_failed; use rate'],
      [false, null, '"avg" does not apply to counter metric http_reqs; use count, rate'],
      [false, null, '"max" does not apply to gauge metric queue_depth; use value'],
    ]);
  });
});
