import { describe, expect, it } from 'vitest';
import { summarise } from '../../reports/analysis/summary.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import { httpBucket, range, runData, trendSeries } from './fixtures/run-data-builder.js';

/** Relative error `HDR` allows at 3 significant digits: 0.1%. */
const within = (actual: number | null, expected: number, rel = 0.001) =>
  expect(Math.abs((actual ?? Number.NaN) - expected) / expected).toBeLessThanOrEqual(rel);

describe('summarise', () => {
  it('computes trend percentiles of a known distribution within HDR precision', () => {
    const values = range(1, 10_000, 10_000);
    const client: ClientBucket[] = Array.from({ length: 4 }, (_, i) => ({
      t: 100 + i,
      vus: 1,
      metrics: { iteration_duration: [trendSeries(values.filter((_, j) => j % 4 === i))] },
    }));
    const s = summarise(runData(client)).metrics['iteration_duration'];
    if (s?.kind !== 'trend') throw new Error('expected a trend');
    expect(s.count).toBe(10_000);
    expect(s.avg).toBeCloseTo(5000.5, 6);
    expect(s.min).toBe(1);
    expect(s.max).toBe(10_000);
    within(s.med, 5000);
    within(s.p90, 9000);
    within(s.p95, 9500);
    within(s.p99, 9900);
    within(s.p999, 9990);
  });

  it('divides counters by the measured duration, first to last bucket inclusive, gaps included', () => {
    // Seconds 10, 11 and 14 (12 and 13 missing): 5 s measured.
    const run = runData([
      httpBucket(10, [{ name: 'a', durationsMs: range(1, 10, 10) }]),
      httpBucket(11, [{ name: 'a', durationsMs: range(1, 10, 10), failed: 2 }]),
      httpBucket(14, [{ name: 'a', durationsMs: range(1, 10, 30) }]),
    ]);
    const s = summarise(run);
    expect([s.startT, s.endT, s.durationSec]).toEqual([10, 14, 5]);
    expect(s.metrics['http_reqs']).toEqual({ kind: 'counter', count: 50, ratePerSec: 10 });
    expect(s.metrics['http_req_failed']).toEqual({
      kind: 'rate',
      passes: 2,
      total: 50,
      rate: 0.04,
    });
  });

  it('reports gauges by last value and range, and VUs', () => {
    const client: ClientBucket[] = [
      { t: 1, vus: 3, metrics: { queue: [{ kind: 'gauge', tags: {}, value: 4, min: 2, max: 8 }] } },
      { t: 2, vus: 9, metrics: { queue: [{ kind: 'gauge', tags: {}, value: 5, min: 5, max: 6 }] } },
      { t: 3, vus: 0, metrics: {} },
    ];
    const s = summarise(runData(client));
    expect(s.metrics['queue']).toEqual({ kind: 'gauge', value: 5, min: 2, max: 8 });
    expect(s.vus).toEqual({ min: 0, max: 9, last: 0 });
  });

  it('splits http_req_duration per name and method, with error rate and throughput', () => {
    const run = runData([
      httpBucket(1, [
        { name: 'login', method: 'POST', durationsMs: [100, 200, 300, 400], failed: 1 },
        { name: 'home', method: 'GET', durationsMs: [10, 10, 10, 10, 10, 10] },
        { name: 'home', method: 'GET', status: '500', durationsMs: [50, 70], failed: 2 },
      ]),
      httpBucket(2, [{ name: 'home', method: 'GET', durationsMs: [10, 10] }]),
    ]);
    const s = summarise(run);
    expect(
      s.endpoints.map((e) => [e.name, e.method, e.count, e.failed, e.errorRate, e.reqPerSec]),
    ).toEqual([
      ['home', 'GET', 10, 2, 0.2, 5],
      ['login', 'POST', 4, 1, 0.25, 2],
    ]);
    const home = s.endpoints[0]!;
    expect(home.avgMs).toBeCloseTo(20, 9);
    expect(home.maxMs).toBe(70);
    within(home.p50Ms, 10);
    within(home.p95Ms, 70);
    const login = s.endpoints[1]!;
    expect(login.avgMs).toBe(250);
    within(login.p50Ms, 200);
    // The whole metric is the sum of its endpoints.
    const all = s.metrics['http_req_duration'];
    expect(all?.kind === 'trend' && [all.count, all.min, all.max]).toEqual([14, 10, 400]);
  });

  it('returns zeros, not NaN, for a run without client data', () => {
    const s = summarise(runData([]));
    expect(s).toEqual({
      startT: null,
      endT: null,
      durationSec: 0,
      vus: { min: 0, max: 0, last: 0 },
      metrics: {},
      endpoints: [],
      distribution: { percentiles: [], curves: [] },
    });
  });
});

describe('summarise endpoints without durations', () => {
  it('leaves latencies null rather than inventing zeros', () => {
    const run = runData([
      {
        t: 1,
        vus: 1,
        metrics: {
          http_reqs: [{ kind: 'counter', tags: { name: 'x', method: 'GET' }, value: 3 }],
          http_req_failed: [
            { kind: 'rate', tags: { name: 'x', method: 'GET' }, passes: 3, total: 3 },
          ],
        },
      },
    ]);
    expect(summarise(run).endpoints).toEqual([
      {
        name: 'x',
        method: 'GET',
        count: 3,
        failed: 3,
        errorRate: 1,
        reqPerSec: 3,
        avgMs: null,
        p50Ms: null,
        p95Ms: null,
        p99Ms: null,
        maxMs: null,
      },
    ]);
  });
});
