import { describe, expect, it } from 'vitest';
import { mergeMetric, trendPercentile } from '../../../core/series/merge.js';
import { runPoint, secondPoints } from '../../../harness/sinks/influxdb/influx-points.js';
import { parseInfluxUrl } from '../../../harness/sinks/influxdb/influx-url.js';
import { httpBucket, meta } from '../../reports/fixtures/run-data-builder.js';

const bucket = httpBucket(1_767_225_600, [
  { name: '/api/orders', durationsMs: [5, 6, 7, 8, 40], failed: 1 },
  { name: '/api/pay', method: 'POST', durationsMs: [20, 22] },
]);

describe('secondPoints: one second in k6’s InfluxDB names', () => {
  const points = secondPoints(
    bucket,
    { t: bucket.t, values: { 'process.cpu_percent': 42 } },
    'run-1',
  );
  const of = (m: string) => points.filter((p) => p.measurement === m);

  it('writes a point per series of each metric, tagged as recorded plus testid, at the second in ms', () => {
    const durations = of('http_req_duration');
    expect(durations).toHaveLength(2);
    expect(durations[0]?.tags).toEqual({
      name: '/api/orders',
      method: 'GET',
      status: '200',
      testid: 'run-1',
    });
    expect(durations[0]?.timestamp).toBe(bucket.t * 1000);
  });

  it('gives trends count, mean, min, max and percentiles equal to the run directory’s, plus value', () => {
    const orders = of('http_req_duration')[0]!.fields!;
    const merged = mergeMetric([bucket], 'http_req_duration', { name: '/api/orders' });
    if (merged?.kind !== 'trend') throw new Error('no trend');
    expect(orders).toMatchObject({ count: 5, min: 5, max: 40, mean: 66 / 5, value: 66 / 5 });
    expect(orders['p99']).toBe(trendPercentile(merged, 99));
    expect(orders['p50']).toBe(trendPercentile(merged, 50));
  });

  it('gives counters their count, rates their share, and writes vus and server series', () => {
    expect(of('http_reqs')[0]?.fields).toEqual({ value: 5, count: 5 });
    expect(of('http_req_failed')[0]?.fields).toEqual({ value: 0.2, count: 5, passes: 1 });
    expect(of('vus')[0]).toMatchObject({ tags: { testid: 'run-1' }, fields: { value: 10 } });
    expect(of('process.cpu_percent')[0]).toMatchObject({ fields: { value: 42 } });
  });

  it('leaves out empty tags and redacts secrets in tag values', () => {
    const b = httpBucket(1, [{ name: '/login?token=abc123', durationsMs: [1] }]);
    b.metrics['http_req_duration']![0]!.tags = { name: '/login?token=abc123', group: '' };
    const [p] = secondPoints(b, undefined, 'r').filter(
      (x) => x.measurement === 'http_req_duration',
    );
    expect(p?.tags).not.toHaveProperty('group');
    expect(p?.tags?.['name']).not.toContain('abc123');
  });
});

describe('runPoint', () => {
  it('is one loadrig_run point at the start, with identity tags and the digest figures as fields', () => {
    const m = meta({ git: { commit: 'c0ffee', branch: 'main', dirty: false } });
    const p = runPoint(m, {
      digestVersion: 1,
      runId: m.id,
      window: { kind: 'steady', fromT: 1, toT: 60, seconds: 60 },
      requests: 600,
      figures: { 'latency.p99': 12.5, 'latency.p99[GET /a]': 9 },
    });
    expect(p).toMatchObject({
      measurement: 'loadrig_run',
      tags: { testid: m.id, scenario: m.scenario.name, branch: 'main', commit: 'c0ffee' },
      fields: { status: 'passed', requests: 600, 'latency.p99': 12.5, 'latency.p99[GET /a]': 9 },
      timestamp: Date.parse(m.startedAt),
    });
  });
});

describe('parseInfluxUrl', () => {
  it('takes the database from the path and hides the password', () => {
    const t = parseInfluxUrl('http://ci:s3cret@127.0.0.1:8086/loadrig');
    expect(t.database).toBe('loadrig');
    expect(t.config).toMatchObject({
      host: '127.0.0.1',
      port: 8086,
      username: 'ci',
      password: 's3cret',
    });
    expect(t.display).toBe('http://ci:***@127.0.0.1:8086/loadrig');
  });

  it('uses k6’s default database without a path, and refuses what is not http(s)', () => {
    expect(parseInfluxUrl('http://127.0.0.1:8086').database).toBe('k6');
    expect(() => parseInfluxUrl('udp://127.0.0.1:8089/x')).toThrow(/http or https/);
    expect(() => parseInfluxUrl('nope')).toThrow(/not a URL/);
  });
});
