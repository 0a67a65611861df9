import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../harness/lifecycle/run-scenario.js';
import { loadScenario } from '../../../harness/loader/load-scenario.js';
import type { ClientBucket, CounterSeries, RunMeta } from '../../../core/run-dir/run-data.js';
import { isAlive } from '../../helpers/process.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);

describe('runScenario end to end (sample API as a local process)', () => {
  it('records every request in exactly one second, measures the 20 ms endpoint, and reports', async () => {
    const loaded = await loadScenario(fixture('delay-20ms.ts'));
    let requestsMade = 0;
    const scenario = {
      ...loaded,
      flow: async (vu: Parameters<typeof loaded.flow>[0]) => {
        requestsMade++;
        await loaded.flow(vu);
      },
    };
    const outDir = tempDir('loadrig-e2e-');
    const outcome = await runScenario({
      scenario,
      outDir,
      interrupt: new AbortController().signal,
      progress: {},
      cwd: process.cwd(),
    });

    const buckets = readFileSync(join(outcome.dir, 'client.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ClientBucket);
    const perSecond = buckets.map((b) =>
      (b.metrics['http_reqs'] ?? []).reduce((n, s) => n + (s as CounterSeries).value, 0),
    );
    const sum = perSecond.reduce((a, b) => a + b, 0);
    expect(sum).toBe(requestsMade);
    expect(buckets.length).toBeGreaterThanOrEqual(4);
    // 5 VUs × ~45 requests/s each.
    expect(sum).toBeGreaterThan(500);

    const duration = outcome.analysis.summary.metrics['http_req_duration'];
    expect(duration?.kind).toBe('trend');
    if (duration?.kind === 'trend') {
      expect(duration.count).toBe(sum);
      expect(duration.med).toBeGreaterThanOrEqual(20);
      expect(duration.med).toBeLessThanOrEqual(23);
    }
    const failed = outcome.analysis.summary.metrics['http_req_failed'];
    expect(failed?.kind === 'rate' && failed.passes).toBe(0);

    expect(outcome.exitCode).toBe(0);
    const meta = JSON.parse(readFileSync(join(outcome.dir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.status).toBe('passed');
    expect(meta.endedAt).toBeDefined();
    expect(meta.serverSeries.map((s) => s.id)).toContain('process.rss_bytes');
    const server = readFileSync(join(outcome.dir, 'server.ndjson'), 'utf8').trim().split('\n');
    expect(server.length).toBeGreaterThanOrEqual(4);
    expect(readFileSync(join(outcome.dir, 'target.log'), 'utf8')).toContain('listening');

    const html = readFileSync(outcome.reportPath, 'utf8');
    expect(html).toContain('e2e delay 20ms');
    for (const t of outcome.analysis.thresholds) {
      expect(t.ok).toBe(true);
      expect(html).toContain(Handlebars.Utils.escapeExpression(t.expression));
    }
    expect(existsSync(join(outcome.dir, 'summary.json'))).toBe(true);
    expect(meta.target.pid).toBeGreaterThan(0);
    expect(isAlive(meta.target.pid as number)).toBe(false);
  });
});
