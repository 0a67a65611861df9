import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleK6Script } from '../../../../harness/engines/k6/k6-script.js';
import { LoadrigError } from '../../../../core/errors.js';
import { loadScenario } from '../../../../harness/loader/load-scenario.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../../fixtures/scenarios', name);
const double = (name: string): string =>
  join(import.meta.dirname, '../../../fixtures/k6-double', name);

async function exportScript(name: string): Promise<string> {
  return bundleK6Script(fixture(name), await loadScenario(fixture(name)));
}

/** Re-bundles a generated script with k6's modules replaced by recording doubles, and loads it. */
async function loadWithDoubles(
  script: string,
): Promise<{ options: Record<string, unknown>; default: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'loadrig-k6-'));
  const generated = join(dir, 'script.js');
  writeFileSync(generated, script);
  const out = await build({
    entryPoints: [generated],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    alias: {
      k6: double('k6.js'),
      'k6/http': double('k6-http.js'),
      'k6/metrics': double('k6-metrics.js'),
    },
  });
  const runnable = join(dir, 'runnable.mjs');
  writeFileSync(runnable, out.outputFiles[0]?.text ?? '');
  return import(pathToFileURL(runnable).href);
}

describe('typed scenario → k6 script', () => {
  it('is one self-contained ES module importing only k6 modules', async () => {
    const script = await exportScript('k6-flow.ts');
    await expect(transform(script, { loader: 'js', format: 'esm' })).resolves.toBeDefined();
    const imports = [...script.matchAll(/^import\s[^;]*?\sfrom\s+["']([^"']+)["']/gm)].map(
      (m) => m[1],
    );
    expect(new Set(imports)).toEqual(new Set(['k6/http', 'k6', 'k6/metrics']));
    expect(script).not.toMatch(/from ["']loadrig["']/);
    expect(script).not.toContain('zod');
  });

  it("builds options with k6's executor names from the profile, and the thresholds verbatim", async () => {
    const mod = await loadWithDoubles(await exportScript('k6-flow.ts'));
    expect(mod.options).toEqual({
      scenarios: {
        default: {
          executor: 'ramping-vus',
          startVUs: 0,
          stages: [
            { duration: '5000ms', target: 10 },
            { duration: '10000ms', target: 10 },
            { duration: '2000ms', target: 0 },
          ],
          gracefulRampDown: '5000ms',
          gracefulStop: '5000ms',
        },
      },
      thresholds: {
        http_req_duration: ['p(95)<300'],
        'http_req_duration{name:login}': [
          { threshold: 'p(99)<500', abortOnFail: true, delayAbortEval: '10s' },
        ],
      },
      tags: { loadrig_scenario: 'k6 mapping' },
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'],
    });
  });

  it('maps vu.http, vu.check and vu.sleep onto http.asyncRequest, check and sleep', async () => {
    const mod = await loadWithDoubles(await exportScript('k6-flow.ts'));
    const g = globalThis as Record<string, unknown>;
    g['__k6calls'] = [];
    g['__ENV'] = { BASE_URL: 'http://127.0.0.1:8080/' };
    g['__VU'] = 7;
    g['__ITER'] = 0;
    await mod.default();
    const calls = g['__k6calls'] as Record<string, unknown>[];
    expect(calls).toEqual([
      {
        fn: 'asyncRequest',
        method: 'POST',
        url: 'http://127.0.0.1:8080/login',
        body: '{"user":"u7"}',
        params: {
          headers: { 'content-type': 'application/json' },
          tags: { name: 'login' },
          responseType: 'text',
        },
      },
      { fn: 'check', names: ['logged in'], results: { 'logged in': true }, tags: undefined },
      { fn: 'metric', kind: 'counter', name: 'logins', value: 1, tags: { kind: 'password' } },
      {
        fn: 'asyncRequest',
        method: 'GET',
        url: 'http://127.0.0.1:8080/items?page=2',
        body: null,
        params: {
          headers: { authorization: 'Bearer tok-1' },
          tags: { kind: 'list', group: '::catalog', name: '/items' },
          responseType: 'text',
          timeout: '2000ms',
        },
      },
      {
        fn: 'check',
        names: ['has items'],
        results: { 'has items': true },
        tags: { group: '::catalog', area: 'catalog' },
      },
      {
        fn: 'asyncRequest',
        method: 'DELETE',
        url: 'http://127.0.0.1:8080/items/1',
        body: null,
        params: {
          headers: { authorization: 'Bearer tok-1' },
          tags: { name: '/items/1' },
          responseType: 'text',
        },
      },
      { fn: 'sleep', seconds: 0.25 },
      { fn: 'sleep', seconds: 1 },
    ]);
  });

  it('refuses a flow that imports a Node.js module, naming the module and the file', async () => {
    const e = await exportScript('k6-node-import.ts').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LoadrigError);
    expect((e as LoadrigError).code).toBe('E_K6_SCRIPT');
    expect((e as LoadrigError).message).toMatch(
      /k6-node-import\.ts.*'node:fs', a Node\.js module that k6 cannot run/s,
    );
  });
});
