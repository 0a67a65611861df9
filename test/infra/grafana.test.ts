import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const GRAFANA = join(import.meta.dirname, '../../infra/grafana');
const read = (path: string) => readFileSync(join(GRAFANA, path), 'utf8');

interface Target {
  query: string;
  datasource: { uid: string };
}
const dashboard = JSON.parse(read('dashboards/loadrig-runs.json')) as {
  uid: string;
  panels: { title: string; datasource: { uid: string }; targets: Target[] }[];
  annotations: { list: { name: string; query?: string; datasource: { uid: string } }[] };
  templating: { list: { name: string; query: string }[] };
};
const datasources = parse(read('provisioning/datasources/influxdb.yaml')) as {
  datasources: { uid: string; type: string; url: string; jsonData: { dbName: string } }[];
};
const providers = parse(read('provisioning/dashboards/loadrig.yaml')) as {
  providers: { options: { path: string } }[];
};
const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, { image: string; volumes?: string[]; ports?: string[] }>;
};

describe('infra/grafana', () => {
  it('has the panels the issue asks for', () => {
    const titles = dashboard.panels.map((p) => p.title);
    for (const wanted of [
      /latency percentiles per endpoint/i,
      /throughput/i,
      /errors by status/i,
      /virtual users/i,
      /beside p99/i,
    ]) {
      expect(
        titles.some((t) => wanted.test(t)),
        String(wanted),
      ).toBe(true);
    }
    expect(dashboard.annotations.list.map((a) => a.name)).toContain('loadrig runs');
  });

  it('queries the provisioned InfluxDB data source in every panel, target and annotation', () => {
    const [ds] = datasources.datasources;
    expect(ds).toMatchObject({
      type: 'influxdb',
      url: 'http://influxdb:8086',
      jsonData: { dbName: 'loadrig' },
    });
    const uids = [
      ...dashboard.panels.flatMap((p) => [
        p.datasource.uid,
        ...p.targets.map((t) => t.datasource.uid),
      ]),
      ...dashboard.annotations.list.filter((a) => a.query).map((a) => a.datasource.uid),
    ];
    expect(new Set(uids)).toEqual(new Set([ds!.uid]));
  });

  it('reads only what loadrig writes: k6 measurements, server series and loadrig_run', () => {
    const queries = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.query)),
      ...dashboard.templating.list.map((v) => v.query),
    ];
    const measurements = new Set(
      queries.flatMap((q) => [...q.matchAll(/FROM "([^"]+)"/g)].map((m) => m[1]!)),
    );
    const known =
      /^(http_req_duration|http_reqs|http_req_failed|vus|checks|loadrig_run|node\.[a-z0-9_]+|process\.[a-z0-9_]+)$/;
    expect([...measurements].filter((m) => !known.test(m))).toEqual([]);
    for (const q of queries.filter((x) => x.startsWith('SELECT') && !x.includes('loadrig_run'))) {
      expect(q, 'every panel follows the run picker').toContain('"testid" =~ /^$testid$/');
    }
  });

  it('composes InfluxDB 1.8 and Grafana on 127.0.0.1, with the provisioning and dashboards mounted', () => {
    expect(compose.services['influxdb']?.image).toBe('influxdb:1.8');
    expect(compose.services['grafana']?.image).toMatch(/^grafana\//);
    for (const service of Object.values(compose.services)) {
      for (const port of service.ports ?? []) expect(port).toMatch(/^127\.0\.0\.1:/);
    }
    const mounts = compose.services['grafana']!.volumes!.map((v) => v.split(':'));
    for (const [host, inside] of mounts.filter(([h]) => h!.startsWith('./'))) {
      expect(existsSync(join(GRAFANA, host!)), host).toBe(true);
      if (host === './dashboards') expect(inside).toBe(providers.providers[0]!.options.path);
    }
  });
});
