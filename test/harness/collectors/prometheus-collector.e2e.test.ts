import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_SERIES } from '../../../harness/collectors/node-series.js';
import { PrometheusCollector } from '../../../harness/collectors/prometheus-collector.js';
import { providers } from '../../../harness/providers/index.js';
import type { RunningTarget } from '../../../harness/providers/provider.js';
import { target } from '../../../targets/target.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/targets/prom-api.mjs');
let dir: string;
let running: RunningTarget;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loadrig-prom-'));
  const spec = target({
    name: 'prom-api',
    command: [process.execPath, FIXTURE],
    health: '/health',
    metrics: { prometheus: '/metrics', agent: false },
  });
  running = await providers.local.start(spec, { logFile: join(dir, 'log') });
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('PrometheusCollector against a prom-client target', () => {
  it('is announced by the local provider from target.metrics.prometheus', () => {
    expect(running.metricSources).toContainEqual({
      kind: 'prometheus',
      url: `${running.baseUrl}/metrics`,
      label: 'prom-api',
    });
    expect(running.metricSources.some((s) => s.kind === 'node-agent')).toBe(false);
  });

  it("fills the agent's Node series and keeps the target's own metrics", async () => {
    const collector = new PrometheusCollector(`${running.baseUrl}/metrics`, 'prom-api');
    const first = await collector.sample(Date.now());
    for (let i = 0; i < 20; i++) await (await fetch(`${running.baseUrl}/work`)).text();
    await new Promise((r) => setTimeout(r, 300));
    const second = await collector.sample(Date.now());

    expect(first[NODE_SERIES.heapUsed]).toBeGreaterThan(1e6);
    expect(second[NODE_SERIES.rss]).toBeGreaterThan(1e6);
    expect(second[NODE_SERIES.loopDelayP99]).toBeGreaterThanOrEqual(0);
    expect(second['prom.db_pool_waiting{pool="main"}']).toBe(7);
    // Counters become rates: none on the first scrape, about 20 requests over the gap after.
    expect(first['prom.app_requests_total{route="/work"}']).toBeUndefined();
    expect(second['prom.app_requests_total{route="/work"}']).toBeGreaterThan(5);
    expect(second['prom.app_request_duration_seconds_count']).toBeGreaterThan(5);
    expect(second[NODE_SERIES.gcCount]).toBeGreaterThan(0);
    expect(collector.series.map((s) => s.id)).toContain(NODE_SERIES.gcPause);
  });

  it('reads a gap, not an error, when the endpoint is unreachable', async () => {
    const collector = new PrometheusCollector('http://127.0.0.1:9/metrics', 'gone');
    expect(await collector.sample(Date.now())).toEqual({});
  });
});
