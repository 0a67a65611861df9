import { describe, expect, it } from 'vitest';
import { mergeMetric, trendPercentile } from '../../../core/series/merge.js';
import { digestRun } from '../../../reports/analysis/history/run-digest.js';
import { httpBucket, range, runData } from '../fixtures/run-data-builder.js';

const T0 = 1_767_225_600;
/** Seconds 0–2 ramp up with slow requests; 3–12 hold; the hold is what a history compares. */
function rampThenHold() {
  const client = [
    ...[0, 1, 2].map((s) => httpBucket(T0 + s, [{ name: '/a', durationsMs: range(200, 400, 10) }])),
    ...Array.from({ length: 10 }, (_, i) =>
      httpBucket(T0 + 3 + i, [
        { name: '/a', durationsMs: range(10, 20, 50), failed: 1 },
        { name: '/b', method: 'POST', durationsMs: range(30, 60, 50) },
      ]),
    ),
  ];
  const server = Array.from({ length: 13 }, (_, s) => ({
    t: T0 + s,
    // 50 % of a core throughout; RSS grows 1 MB per second (60 MB/min) during the hold.
    values: { 'process.cpu_percent': 50, 'process.rss_bytes': 100e6 + s * 1e6 },
  }));
  const phases = [
    { kind: 'ramp-up' as const, startMs: T0 * 1000, endMs: (T0 + 3) * 1000 },
    { kind: 'hold' as const, startMs: (T0 + 3) * 1000, endMs: (T0 + 13) * 1000 },
  ];
  return runData(client, { meta: { phases }, server });
}

describe('digestRun', () => {
  const run = rampThenHold();
  const digest = digestRun(run);
  const hold = run.client.slice(3);

  it('covers the hold phases only', () => {
    expect(digest.window).toEqual({ kind: 'steady', fromT: T0 + 3, toT: T0 + 12, seconds: 10 });
    expect(digest.requests).toBe(1000);
    expect(digest.runId).toBe(run.meta.id);
  });

  it('gives p50/p95/p99 of the steady seconds, overall and per endpoint', () => {
    const all = mergeMetric(hold, 'http_req_duration');
    const a = mergeMetric(hold, 'http_req_duration', { name: '/a' });
    if (all?.kind !== 'trend' || a?.kind !== 'trend') throw new Error('no trends');
    expect(digest.figures['latency.p99']).toBe(trendPercentile(all, 99));
    expect(digest.figures['latency.p50[GET /a]']).toBe(trendPercentile(a, 50));
    expect(digest.figures['latency.p95[POST /b]']).toBeGreaterThan(50);
    expect(digest.figures['latency.p99[GET /a]']).toBeLessThanOrEqual(20); // no ramp-up second
  });

  it('gives throughput, error rate, CPU per request and memory growth', () => {
    expect(digest.figures['throughput']).toBe(100);
    expect(digest.figures['errors.rate']).toBeCloseTo(10 / 1000, 12);
    // 50 % of a core = 500 ms of CPU per second, over 100 requests per second.
    expect(digest.figures['server.cpu_per_request']).toBeCloseTo(5, 9);
    expect(digest.figures['server.memory_slope']).toBeCloseTo(60, 6);
  });

  it('falls back to the whole run when it has no hold phase (imports, plain k6 scripts)', () => {
    const whole = digestRun({ ...run, meta: { ...run.meta, phases: [] } });
    expect(whole.window).toEqual({ kind: 'whole', fromT: T0, toT: T0 + 12, seconds: 13 });
    expect(whole.requests).toBe(1030);
  });

  it('leaves out what cannot be measured: no server series, no requests', () => {
    const bare = digestRun({ ...run, server: [] });
    expect(bare.figures).not.toHaveProperty('server.cpu_per_request');
    expect(bare.figures).not.toHaveProperty('server.memory_slope');
    // Without requests only the server's own figure is left.
    expect(Object.keys(digestRun({ ...run, client: [] }).figures)).toEqual(['server.memory_slope']);
  });
});
