import { join } from 'node:path';
import { build, transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../../core/package-root.js';
import { exportChecked } from '../../../helpers/k6/check-k6-script.js';
import { runOnK6Doubles } from '../../../helpers/k6/k6-double-run.js';

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../../fixtures/scenarios', name);
const BASE_URL = 'http://127.0.0.1:8080';

/** The double's answers: a token for /login, an empty list for anything else. */
const respond = (_method: string, url: string) => ({
  status: 200,
  headers: { 'Content-Type': 'application/json' },
  body: url.endsWith('/login') ? JSON.stringify({ token: 'tok-1' }) : '[]',
});

describe('typed scenario → k6 script', { timeout: 30_000 }, () => {
  it('is one self-contained ES module importing only k6 modules', async () => {
    const { script } = await exportChecked(fixture('k6-flow.ts'));
    await expect(transform(script, { loader: 'js', format: 'esm' })).resolves.toBeDefined();
    const imports = [...script.matchAll(/^import\s[^;]*?\sfrom\s+["']([^"']+)["']/gm)].map(
      (m) => m[1],
    );
    expect(new Set(imports)).toEqual(new Set(['k6/http', 'k6', 'k6/execution', 'k6/metrics']));
    expect(script).not.toMatch(/from ["']loadrig["']/);
    expect(script).not.toContain('zod');
  });

  it("builds options with k6's executor names from the profile, and the thresholds", async () => {
    const { inspected } = await exportChecked(fixture('k6-flow.ts'));
    expect(inspected.options).toEqual({
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
      maxRedirects: 10,
      insecureSkipTLSVerify: false,
      noCookiesReset: false,
    });
  });

  it('maps vu.http, vu.check and vu.sleep onto http.asyncRequest, check and sleep', async () => {
    const { script } = await exportChecked(fixture('k6-flow.ts'));
    const world = await runOnK6Doubles(
      script,
      // A later segment's VU: vu.id is exec.vu.idInTest (7), not __VU (1) of this instance.
      {
        exec: 'default',
        scenario: 'default',
        vus: 1,
        iterationsPerVu: 1,
        firstVuId: 7,
        env: { BASE_URL: `${BASE_URL}/` },
      },
      { respond },
    );
    expect(world.calls).toEqual([
      // flow_errors exists in every run: one zero per VU, before its first iteration.
      { fn: 'metric', kind: 'counter', name: 'flow_errors', value: 0, tags: undefined },
      {
        fn: 'asyncRequest',
        method: 'POST',
        url: `${BASE_URL}/login`,
        body: '{"user":"u7"}',
        params: {
          headers: { 'content-type': 'application/json' },
          tags: { name: 'login' },
          responseType: 'text',
          timeout: '60000ms',
        },
      },
      { fn: 'check', names: ['logged in'], tags: undefined },
      { fn: 'metric', kind: 'counter', name: 'logins', value: 1, tags: { kind: 'password' } },
      {
        fn: 'asyncRequest',
        method: 'GET',
        url: `${BASE_URL}/items?page=2`,
        body: null,
        params: {
          headers: { authorization: 'Bearer tok-1' },
          tags: { kind: 'list', group: '::catalog', name: '/items' },
          responseType: 'text',
          timeout: '2000ms',
        },
      },
      { fn: 'check', names: ['has items'], tags: { group: '::catalog', area: 'catalog' } },
      {
        fn: 'metric',
        kind: 'trend',
        name: 'group_duration',
        value: expect.any(Number),
        tags: { group: '::catalog' },
      },
      {
        fn: 'asyncRequest',
        method: 'DELETE',
        url: `${BASE_URL}/items/1`,
        body: null,
        params: {
          headers: { authorization: 'Bearer tok-1' },
          tags: { name: '/items/1' },
          responseType: 'text',
          timeout: '60000ms',
        },
      },
      { fn: 'sleep', seconds: 0.25 },
      { fn: 'sleep', seconds: 1 },
    ]);
    // Custom trends are times, as loadrig reads them; group_duration is k6's own time trend.
    expect(world.metrics.get('group_duration')).toEqual({ kind: 'trend', isTime: true });
  });

  it('exports each named flow as a function, and exec names it (k6 looks exec up in the exports)', async () => {
    const { script, inspected } = await exportChecked(fixture('k6-named-flows.ts'));
    expect([...inspected.exportedFunctions].sort()).toEqual([
      'default',
      'flow_admin',
      'flow_buy_now',
    ]);
    const scenarios = inspected.options['scenarios'] as Record<string, Record<string, unknown>>;
    expect(scenarios['buy-now']?.['exec']).toBe('flow_buy_now');
    expect(scenarios['admin']?.['exec']).toBe('flow_admin');
    expect(scenarios['browse']?.['exec']).toBeUndefined();
    const world = await runOnK6Doubles(
      script,
      { exec: 'flow_buy_now', scenario: 'buy-now', vus: 1, iterationsPerVu: 1, env: { BASE_URL } },
      { respond },
    );
    expect(
      world.calls
        .filter((c) => c.fn === 'asyncRequest')
        .map((c) => `${String(c['method'])} ${String(c['url'])}`),
    ).toEqual([`POST ${BASE_URL}/cart`]);
    expect(world.metrics.get('checkout_time')).toEqual({ kind: 'trend', isTime: true });
  });

  it('writes a fractional arrival rate as whole iterations over a longer time unit', async () => {
    const { inspected } = await exportChecked(fixture('k6-named-flows.ts'));
    const buy = (inspected.options['scenarios'] as Record<string, Record<string, unknown>>)[
      'buy-now'
    ];
    expect(buy).toMatchObject({ executor: 'constant-arrival-rate', rate: 5, timeUnit: '2000ms' });
  });

  it("carries the scenario's HTTP settings and env to k6: options, each executor's env, each request's timeout", async () => {
    const { script, inspected } = await exportChecked(fixture('k6-named-flows.ts'));
    expect(inspected.options).toMatchObject({
      maxRedirects: 3,
      insecureSkipTLSVerify: true,
      noCookiesReset: true,
    });
    const scenarios = inspected.options['scenarios'] as Record<string, Record<string, unknown>>;
    expect(scenarios['buy-now']?.['env']).toEqual({ TENANT: 'acme', STEP: 'buy' });
    expect(scenarios['browse']?.['env']).toEqual({ TENANT: 'acme', STEP: 'any' });
    const world = await runOnK6Doubles(
      script,
      { exec: 'default', scenario: 'browse', vus: 1, iterationsPerVu: 1, env: { BASE_URL } },
      { respond },
    );
    const request = world.calls.find((c) => c.fn === 'asyncRequest');
    expect((request?.['params'] as Record<string, unknown>)['timeout']).toBe('2000ms');
  });

  it('keeps thresholds on metrics k6 will know (flow_errors, custom ones) and leaves the rest to loadrig', async () => {
    const { inspected } = await exportChecked(fixture('k6-named-flows.ts'));
    expect(Object.keys(inspected.options['thresholds'] as object).sort()).toEqual([
      'carts',
      'checkout_time',
      'flow_errors',
      'http_req_duration{scenario:buy-now}',
    ]);
  });

  it('reads process.env at a scenario top level from k6 __ENV', async () => {
    const { script, inspected } = await exportChecked(fixture('k6-process-env.ts'));
    expect(inspected.problems).toEqual([]);
    expect(script).not.toMatch(/process\.env/);
    expect(script).toContain('__ENV.DATABASE_URL');
    const world = await runOnK6Doubles(
      script,
      {
        exec: 'default',
        scenario: 'default',
        vus: 1,
        iterationsPerVu: 1,
        env: { BASE_URL, TENANT: 'acme' },
      },
      { respond },
    );
    expect(world.calls.find((c) => c.fn === 'asyncRequest')?.['url']).toBe(
      `${BASE_URL}/?tenant=acme`,
    );
  });

  it("makes 'loadrig' inside k6 export every value loadrig's package root exports", async () => {
    const exportsOf = async (entry: string): Promise<string[]> => {
      const r = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        format: 'esm',
        platform: 'neutral',
        metafile: true,
        external: ['k6*', 'csv-parse*', 'zod', 'node:*'],
        logLevel: 'silent',
      });
      return Object.values(r.metafile.outputs)[0]?.exports ?? [];
    };
    const root = await exportsOf(join(packageRoot(), 'index.ts'));
    const shim = await exportsOf(join(packageRoot(), 'harness/engines/k6/k6-shim.ts'));
    expect(root.length).toBeGreaterThan(30);
    expect(root.filter((name) => !shim.includes(name))).toEqual([]);
  });
});
