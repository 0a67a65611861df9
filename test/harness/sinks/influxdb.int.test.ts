import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Influx from 'influx';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeHistogram, percentile } from '../../../core/hdr/histogram.js';
import { readRun } from '../../../core/run-dir/read-run.js';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import type { HistoryJson } from '../../../reports/render/history/history-json.js';
import { runCli } from '../../helpers/cli.js';
import { INFLUX_TEST_URL, influxGate } from '../../helpers/require-component.js';

const gate = await influxGate();
const SCENARIO = join(import.meta.dirname, '../../fixtures/scenarios/delay-20ms.ts');

describe.skipIf(gate.skip)('--out influxdb= against InfluxDB 1.x', () => {
  const database = `loadrig_test_${process.pid}_${Date.now()}`;
  const url = `${INFLUX_TEST_URL}/${database}`;
  const client = new Influx.InfluxDB(url);
  const root = mkdtempSync(join(tmpdir(), 'loadrig-influx-'));
  afterAll(async () => {
    await client.dropDatabase(database).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  let dir = '';
  it('runs a scenario streaming to InfluxDB, and records what the output received', async () => {
    const runs = join(root, 'runs');
    const r = await runCli(['run', SCENARIO, '--runs', runs, '--out', `influxdb=${url}`]);
    expect(r.code, r.stderr).toBe(0);
    dir = join(runs, readdirSync(runs)[0]!);
    const meta = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.outputs).toEqual([
      expect.objectContaining({
        output: 'influxdb',
        target: url,
        pointsDropped: 0,
        failedWrites: 0,
      }),
    ]);
    expect(meta.outputs![0]!.pointsWritten).toBeGreaterThan(10);
  });

  it('has, for every second and series, the count and p99 of the run directory', async () => {
    const run = readRun(dir);
    const rows = await client.query<{
      count: number;
      p99: number;
      name: string;
      method: string;
      status: string;
    }>(
      `SELECT "count", "p99", "name", "method", "status" FROM "http_req_duration" WHERE "testid" = ${Influx.escape.stringLit(run.meta.id)}`,
    );
    const stored = new Map(
      rows.map((row) => [
        `${row.time.getTime() / 1000} ${row.name} ${row.method} ${row.status}`,
        row,
      ]),
    );
    let compared = 0;
    for (const bucket of run.client) {
      for (const s of bucket.metrics['http_req_duration'] ?? []) {
        if (s.kind !== 'trend' || s.count === 0) continue;
        const row = stored.get(
          `${bucket.t} ${s.tags['name']} ${s.tags['method']} ${s.tags['status']}`,
        );
        const p99 = Math.min(Math.max(percentile(decodeHistogram(s.hist), 99), s.min), s.max);
        expect(row?.count, `second ${bucket.t}`).toBe(s.count);
        expect(row?.p99, `second ${bucket.t}`).toBe(p99);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4);
    expect(rows.length).toBe(compared);

    const reqs = await client.query<{ sum: number }>(
      `SELECT sum("count") FROM "http_reqs" WHERE "testid" = ${Influx.escape.stringLit(run.meta.id)}`,
    );
    const inDir = run.client
      .flatMap((b) => b.metrics['http_reqs'] ?? [])
      .reduce((n, s) => n + (s.kind === 'counter' ? s.value : 0), 0);
    expect(reqs[0]?.sum).toBe(inDir);
  });

  it('gives history --influx the same runs and figures as the folder of run directories', async () => {
    const fromDb = await runCli(['history', '--influx', url, '--output', join(root, 'db')]);
    const fromDir = await runCli([
      'history',
      '--runs',
      join(root, 'runs'),
      '--output',
      join(root, 'dir'),
    ]);
    expect(fromDb.code, fromDb.stderr).toBe(0);
    expect(fromDir.code, fromDir.stderr).toBe(0);
    const read = (d: string) =>
      JSON.parse(readFileSync(join(root, d, 'history.json'), 'utf8')) as HistoryJson;
    const db = read('db');
    const folder = read('dir');
    expect(db.source.kind).toBe('influxdb');
    expect(db.groups.map((g) => [g.scenario, g.runs.map((r) => r.id)])).toEqual(
      folder.groups.map((g) => [g.scenario, g.runs.map((r) => r.id)]),
    );
    const figures = (h: HistoryJson) =>
      Object.fromEntries(h.groups[0]!.metrics.map((m) => [m.key, m.values]));
    expect(figures(db)).toEqual(figures(folder));
    expect(Object.keys(figures(db))).toContain('latency.p99[GET delay]');
  });

  it('answers every query of the Grafana dashboard (infra/grafana) with this run’s data', async () => {
    const run = readRun(dir);
    const dashboard = JSON.parse(
      readFileSync(
        join(import.meta.dirname, '../../../infra/grafana/dashboards/loadrig-runs.json'),
        'utf8',
      ),
    ) as {
      panels: { title: string; targets: { query: string }[] }[];
      annotations: { list: { query?: string }[] };
    };
    const fromMs = Date.parse(run.meta.startedAt) - 60_000;
    const toMs = Date.parse(run.meta.endedAt!) + 60_000;
    // What Grafana substitutes: the time range, the interval, and the variables (one run, all endpoints).
    const interpolate = (q: string) =>
      q
        .replaceAll('$timeFilter', `time >= ${fromMs}ms AND time <= ${toMs}ms`)
        .replaceAll('$__interval_ms', '1000')
        .replaceAll('$__interval', '1s')
        .replaceAll('$testid', run.meta.id)
        .replaceAll('$endpoint', '.*')
        .replaceAll('$scenario', '.*');
    const series = async (q: string) =>
      (
        (await client.queryRaw(interpolate(q))) as {
          results: { series?: unknown[]; error?: string }[];
        }
      ).results[0]!;
    const empty: string[] = [];
    for (const panel of dashboard.panels) {
      let found = 0;
      for (const t of panel.targets) {
        const result = await series(t.query);
        expect(result.error, `${panel.title}: ${t.query}`).toBeUndefined();
        found += result.series?.length ?? 0;
      }
      if (found === 0) empty.push(panel.title);
    }
    // A healthy run has no error responses; every other panel shows something.
    expect(empty).toEqual([]);
    for (const a of dashboard.annotations.list.filter((x) => x.query)) {
      expect((await series(a.query!)).series?.length).toBe(1);
    }
  });

  it('sends an imported k6 run too, from its run directory, with its loadrig_run point', async () => {
    const runs = join(root, 'imported');
    const k6Output = join(import.meta.dirname, '../../fixtures/k6/json-output.ndjson');
    const r = await runCli(['import', k6Output, '--runs', runs, '--out', `influxdb=${url}`]);
    expect(r.code, r.stderr).toBe(0);
    const run = readRun(join(runs, readdirSync(runs)[0]!));
    expect(run.meta.outputs?.[0]).toMatchObject({ output: 'influxdb', pointsDropped: 0 });
    const id = Influx.escape.stringLit(run.meta.id);
    const seconds = await client.query(
      `SELECT "count" FROM "http_req_duration" WHERE "testid" = ${id}`,
    );
    expect(seconds.length).toBeGreaterThan(0);
    const [point] = await client.query<{ status: string }>(
      `SELECT "status" FROM "loadrig_run" WHERE "testid" = ${id}`,
    );
    expect(point?.status).toBe('passed');
  });
});
