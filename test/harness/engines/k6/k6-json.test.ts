import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { K6JsonParser, type K6Sample } from '../../../../harness/engines/k6/k6-json.js';
import {
  compareVerdicts,
  k6SummaryThresholds,
  k6ThresholdVerdicts,
  type K6SummaryExport,
} from '../../../../harness/engines/k6/k6-summary.js';
import { TimedBuckets } from '../../../../harness/engines/k6/timed-buckets.js';
import type { CounterSeries, RateSeries, TrendSeries } from '../../../../core/run-dir/run-data.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/k6');
const lines = readFileSync(join(fixtures, 'json-output.ndjson'), 'utf8').split('\n');

function parseAll(input: string[]): { parser: K6JsonParser; samples: K6Sample[] } {
  const parser = new K6JsonParser();
  const samples = input
    .map((l) => parser.parseLine(l))
    .filter((s): s is K6Sample => s !== undefined);
  return { parser, samples };
}

describe("k6's JSON output (real k6 v1.3.0 output)", () => {
  it('reads Metric records for kinds and thresholds, and Point records as samples', () => {
    const { parser, samples } = parseAll(lines);
    expect(parser.malformedLines).toBe(0);
    expect(parser.metrics.get('http_req_duration')).toEqual({
      name: 'http_req_duration',
      kind: 'trend',
      thresholds: ['p(95)<500'],
      submetrics: ['http_req_duration{expected_response:true}'],
    });
    // k6's own sub-metric is not a tagged threshold of the script.
    expect(parser.taggedThresholdMetrics()).toEqual([]);
    expect(parser.thresholds()).toEqual({ http_req_duration: ['p(95)<500'] });
    const duration = samples.find((s) => s.metric === 'http_req_duration');
    expect(duration).toEqual({
      metric: 'http_req_duration',
      kind: 'trend',
      timeMs: Date.parse('2026-11-23T07:55:46.474Z'),
      value: 0.455414,
      tags: {
        expected_response: 'true',
        method: 'GET',
        name: 'root',
        scenario: 'default',
        status: '200',
      },
    });
    expect(samples.find((s) => s.metric === 'checks')?.tags).toEqual({
      check: 'status 200',
      scenario: 'default',
    });
    expect(new Set(samples.map((s) => s.metric)).size).toBe(10);
  });

  it('falls back to the built-in kind when a file starts after the Metric record', () => {
    const points = lines.filter((l) => l.includes('"type":"Point"'));
    const { samples } = parseAll(points);
    expect(samples.find((s) => s.metric === 'http_req_failed')?.kind).toBe('rate');
    expect(samples.find((s) => s.metric === 'http_reqs')?.kind).toBe('counter');
  });

  it('reads thresholds k6 writes as objects (abortOnFail), and names the tagged ones it leaves out', () => {
    // k6's metrics/thresholds.go marshals a threshold with abortOnFail as an object; k6 writes
    // the thresholds of the base metric only, and lists the sub-metrics of tagged ones.
    const { parser } = parseAll([
      JSON.stringify({
        type: 'Metric',
        metric: 'http_req_duration',
        data: {
          name: 'http_req_duration',
          type: 'trend',
          contains: 'time',
          thresholds: [
            'p(95)<500',
            { threshold: 'p(99)<900', abortOnFail: true, delayAbortEval: '10s' },
            { threshold: 'max<5000', abortOnFail: true, delayAbortEval: null },
          ],
          submetrics: [
            {
              name: 'http_req_duration{expected_response:true}',
              suffix: 'expected_response:true',
              tags: { expected_response: 'true' },
            },
            {
              name: 'http_req_duration{name:login}',
              suffix: 'name:login',
              tags: { name: 'login' },
            },
          ],
        },
      }),
    ]);
    expect(parser.thresholds()).toEqual({
      http_req_duration: [
        'p(95)<500',
        { threshold: 'p(99)<900', abortOnFail: true, delayAbortEval: '10s' },
        { threshold: 'max<5000', abortOnFail: true },
      ],
    });
    expect(parser.taggedThresholdMetrics()).toEqual(['http_req_duration{name:login}']);
  });

  it('counts malformed lines instead of failing', () => {
    const { parser, samples } = parseAll([
      '{"type":"Point","metric":"http_reqs","data":{"time":"x","value":1}}',
      '{not json',
      '',
    ]);
    expect(samples).toEqual([]);
    expect(parser.malformedLines).toBe(2);
  });

  it('buckets samples on the one-second grid by their own time, adding VUs across processes', () => {
    const { samples } = parseAll(lines);
    const buckets = new TimedBuckets();
    for (const s of samples) buckets.add(s, 'a');
    const t0 = Date.parse('2026-11-23T07:55:46Z');
    buckets.add({ metric: 'vus', kind: 'gauge', timeMs: t0 + 10, value: 2, tags: {} }, 'a');
    buckets.add({ metric: 'vus', kind: 'gauge', timeMs: t0 + 20, value: 3, tags: {} }, 'b');
    const out = buckets.drain();
    expect(out.map((b) => b.t)).toEqual([t0 / 1000]);
    const bucket = out[0]!;
    expect(bucket.vus).toBe(5);
    const reqs = bucket.metrics['http_reqs'] as CounterSeries[];
    expect(reqs.reduce((n, s) => n + s.value, 0)).toBe(2);
    const d = bucket.metrics['http_req_duration'] as TrendSeries[];
    expect(d[0]?.count).toBe(2);
    const failed = bucket.metrics['http_req_failed'] as RateSeries[];
    expect(failed[0]).toMatchObject({ passes: 0, total: 2 });
    expect(buckets.drain()).toEqual([]);
  });
});

describe("k6's --summary-export", () => {
  const summary = JSON.parse(
    readFileSync(join(fixtures, 'summary-export.json'), 'utf8'),
  ) as K6SummaryExport;

  it('reads `false` under thresholds as passed', () => {
    expect(k6ThresholdVerdicts(summary)).toEqual([
      { metric: 'http_req_duration', expression: 'p(95)<500', passed: true },
    ]);
  });

  it('lists every threshold by metric key, tagged keys included', () => {
    expect(
      k6SummaryThresholds({
        metrics: {
          http_req_duration: { thresholds: { 'p(95)<500': false } },
          'http_req_duration{name:login}': { thresholds: { 'p(99)<800': true, 'avg<100': false } },
          http_reqs: { count: 3 },
        },
      }),
    ).toEqual({
      http_req_duration: ['p(95)<500'],
      'http_req_duration{name:login}': ['p(99)<800', 'avg<100'],
    });
  });

  it("lines loadrig's verdicts up with k6's", () => {
    const rows = compareVerdicts(
      [
        { metric: 'http_req_duration', expression: 'p(95) < 500', ok: true },
        { metric: 'checks', expression: 'rate>0.99', ok: false },
      ],
      k6ThresholdVerdicts(summary),
    );
    expect(rows).toEqual([
      {
        metric: 'http_req_duration',
        expression: 'p(95) < 500',
        loadrig: true,
        k6: true,
        agree: true,
      },
      { metric: 'checks', expression: 'rate>0.99', loadrig: false, k6: undefined, agree: false },
    ]);
  });
});

describe('K6JsonParser and lines k6 never writes', () => {
  it('counts them as malformed instead of throwing or inventing a kind', () => {
    const parser = new K6JsonParser();
    const point = (metric: string, data: object): string =>
      JSON.stringify({ type: 'Point', metric, data });
    const time = '2026-11-23T07:55:46.474100708Z';
    for (const line of [
      'null',
      '[1]',
      '{"type":"Point"}',
      point('constructor', { time, value: 1 }),
      point('http_reqs', { time: { toString: 1 }, value: 1 }),
      point('http_reqs', { time, value: { valueOf: 1 } }),
      JSON.stringify({ type: 'Metric', data: { name: 'x', type: 'toString' } }),
    ]) {
      expect(parser.parseLine(line)).toBeUndefined();
    }
    expect(parser.malformedLines).toBe(7);
    expect(
      parser.parseLine(point('http_reqs', { time, value: 1, tags: { a: { b: 1 } } }))?.tags,
    ).toEqual({});
  });
});
