import client from 'prom-client';
import { describe, expect, it } from 'vitest';
import { mapReading } from '../../../harness/collectors/prom-node-mapping.js';
import { readPrometheusText } from '../../../harness/collectors/prom-readings.js';
import { NODE_SERIES } from '../../../harness/collectors/node-series.js';

/** Real prom-client output: its default Node metrics and a target's own. */
async function promClientText(): Promise<string> {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  new client.Gauge({
    name: 'db_pool_waiting',
    help: 'waiting',
    labelNames: ['pool'],
    registers: [registry],
  }).set({ pool: 'main' }, 4);
  new client.Counter({ name: 'jobs_total', help: 'jobs', registers: [registry] }).inc(9);
  const summary = new client.Summary({
    name: 'job_seconds',
    help: 'job time',
    percentiles: [0.5],
    registers: [registry],
  });
  summary.observe(0.25);
  await new Promise((r) => setTimeout(r, 50)); // let the event-loop monitor take readings
  return registry.metrics();
}

describe('readPrometheusText on real prom-client output', () => {
  it('reads gauges, counters, histogram and summary totals with their labels', async () => {
    const readings = readPrometheusText(await promClientText());
    const byKey = new Map(readings.map((r) => [r.key, r]));
    expect(byKey.get('db_pool_waiting{pool="main"}')).toMatchObject({ kind: 'gauge', value: 4 });
    expect(byKey.get('jobs_total')).toMatchObject({ kind: 'counter', value: 9 });
    expect(byKey.get('job_seconds_count')).toMatchObject({ kind: 'counter', value: 1 });
    expect(byKey.get('job_seconds_sum')).toMatchObject({ kind: 'counter', value: 0.25 });
    expect(byKey.get('job_seconds{quantile="0.5"}')).toMatchObject({ kind: 'gauge', value: 0.25 });
    expect(byKey.get('nodejs_heap_size_used_bytes')?.value).toBeGreaterThan(1e6);
    expect(byKey.get('process_cpu_user_seconds_total')?.kind).toBe('counter');
    // Histogram buckets are not series of their own.
    expect(readings.some((r) => r.name.endsWith('_bucket'))).toBe(false);
  });

  it("maps prom-client's default Node metrics onto the agent's series", async () => {
    const mapped = readPrometheusText(await promClientText()).map(mapReading);
    const gauges = new Map(
      mapped.flatMap((m) => (m.to === 'gauge' ? [[m.id, m.value] as const] : [])),
    );
    expect(gauges.get(NODE_SERIES.heapUsed)).toBeGreaterThan(1e6);
    expect(gauges.get(NODE_SERIES.heapTotal)).toBeGreaterThanOrEqual(
      gauges.get(NODE_SERIES.heapUsed) ?? Infinity,
    );
    expect(gauges.get(NODE_SERIES.rss)).toBeGreaterThan(1e6);
    expect(gauges.get(NODE_SERIES.loopDelayP99)).toBeGreaterThanOrEqual(0);
    expect(gauges.get(NODE_SERIES.activeHandles)).toBeGreaterThanOrEqual(0);
    expect(mapped).toContainEqual({
      to: 'extra',
      id: 'prom.db_pool_waiting{pool="main"}',
      kind: 'gauge',
      value: 4,
    });
  });

  it('maps the GC histogram by kind, in ms', () => {
    const text = [
      '# HELP nodejs_gc_duration_seconds GC',
      '# TYPE nodejs_gc_duration_seconds histogram',
      'nodejs_gc_duration_seconds_bucket{le="0.01",kind="minor"} 10',
      'nodejs_gc_duration_seconds_bucket{le="+Inf",kind="minor"} 12',
      'nodejs_gc_duration_seconds_sum{kind="minor"} 0.024',
      'nodejs_gc_duration_seconds_count{kind="minor"} 12',
      'nodejs_gc_duration_seconds_bucket{le="+Inf",kind="major"} 2',
      'nodejs_gc_duration_seconds_sum{kind="major"} 0.05',
      'nodejs_gc_duration_seconds_count{kind="major"} 2',
      '',
    ].join('\n');
    expect(readPrometheusText(text).map(mapReading)).toEqual([
      { to: 'gc', kind: 'scavenge', field: 'totalMs', total: 24 },
      { to: 'gc', kind: 'scavenge', field: 'count', total: 12 },
      { to: 'gc', kind: 'markSweepCompact', field: 'totalMs', total: 50 },
      { to: 'gc', kind: 'markSweepCompact', field: 'count', total: 2 },
    ]);
  });
});

describe('readPrometheusText on what other exporters write', () => {
  it('keeps a scrape whose family has an empty HELP, and skips only a broken line', () => {
    const text = '# HELP jobs_total \n# TYPE jobs_total counter\njobs_total 3\nbroken{ 1\nup 1\n';
    expect(readPrometheusText(text).map((r) => [r.key, r.kind, r.value])).toEqual([
      ['jobs_total', 'counter', 3],
      ['up', 'gauge', 1],
    ]);
  });

  it('reads OpenMetrics counters (`x_total` of family `x`) and drops their `_created`', () => {
    const text = '# TYPE jobs counter\njobs_total 5\njobs_created 1.7e9\n# EOF\n';
    expect(readPrometheusText(text).map((r) => [r.key, r.kind])).toEqual([
      ['jobs_total', 'counter'],
    ]);
  });

  it('escapes label values in keys, so two label sets never share one', () => {
    // One label whose value holds `",b="`, and two plain labels: keys alike before escaping.
    const text = 'x{a="x\\",b=\\"y"} 1\nx{a="x",b="y"} 2\n';
    const readings = readPrometheusText(text);
    expect(readings.map((r) => Object.keys(r.labels).length)).toEqual([1, 2]);
    expect(new Set(readings.map((r) => r.key)).size).toBe(2);
  });

  it('maps a metric called like an Object method to an extra series', () => {
    const mapped = readPrometheusText('constructor 1\ntoString{kind="constructor"} 2\n').map(
      mapReading,
    );
    expect(mapped.map((m) => m.to)).toEqual(['extra', 'extra']);
  });
});
