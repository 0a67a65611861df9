import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import type { EnginePlan } from '../../../harness/engines/engine.js';
import type {
  ClientBucket,
  CounterSeries,
  MetricSeries,
  RateSeries,
  TrendSeries,
} from '../../../core/run-dir/run-data.js';
import { hasJson, status } from '../../../scenarios/checks.js';
import {
  constantVus,
  perVuIterations,
  rampingArrivalRate,
  rampingVus,
  sharedIterations,
} from '../../../scenarios/executors.js';
import { Counter } from '../../../scenarios/metrics.js';
import { ramp, scenarios, type Profile } from '../../../scenarios/profile.js';
import type { Flow } from '../../../scenarios/vu-context.js';
import { startServer } from '../../helpers/http-server.js';

async function drive(
  baseUrl: string,
  profile: Profile,
  flow: Flow,
  extra: Partial<EnginePlan> = {},
) {
  const agg = new Aggregator();
  const buckets: ClientBucket[] = [];
  const timer = setInterval(() => buckets.push(agg.flush(buckets.length)), 200);
  const result = await new SingleThreadEngine().run(
    { baseUrl, profile, flow, env: {}, gracefulStopMs: 2000, ...extra },
    agg,
    new AbortController().signal,
  );
  clearInterval(timer);
  buckets.push(agg.flush(buckets.length));
  const series = (metric: string): MetricSeries[] =>
    buckets.flatMap((b) => b.metrics[metric] ?? []);
  const sum = (metric: string): number =>
    series(metric).reduce(
      (n, s) => n + ((s as CounterSeries).value ?? (s as TrendSeries).count),
      0,
    );
  return { result, buckets, series, sum };
}

describe('executors on the built-in engine', () => {
  it('per-vu-iterations runs exactly vus × iterations; shared-iterations exactly iterations', async () => {
    await using server = await startServer((_req, res) => res.end('ok'));
    const seen = new Map<number, number>();
    const perVu = await drive(
      server.url,
      scenarios({ a: perVuIterations({ vus: 3, iterations: 4, maxDuration: '10s' }) }),
      async (vu) => {
        seen.set(vu.id, (seen.get(vu.id) ?? 0) + 1);
        await vu.http.get('/');
      },
    );
    expect(perVu.result.iterations).toBe(12);
    expect([...seen.values()]).toEqual([4, 4, 4]);
    expect(perVu.sum('http_reqs')).toBe(12);

    const shared = await drive(
      server.url,
      scenarios({ b: sharedIterations({ vus: 3, iterations: 10, maxDuration: '10s' }) }),
      async (vu) => {
        await vu.http.get('/');
      },
    );
    expect(shared.result.iterations).toBe(10);
    expect(shared.sum('iterations')).toBe(10);
  });

  it('runs several named scenarios, each from its startTime with its own flow and tags', async () => {
    const began = Date.now();
    const firstHit = new Map<string, number>();
    await using server = await startServer((req, res) => {
      if (!firstHit.has(req.url ?? '')) firstHit.set(req.url ?? '', Date.now() - began);
      res.end('ok');
    });
    const { series, result } = await drive(
      server.url,
      scenarios({
        browse: constantVus({ vus: 2, duration: '900ms', tags: { team: 'web' } }),
        buy: perVuIterations({
          vus: 1,
          iterations: 2,
          maxDuration: '5s',
          startTime: '400ms',
          exec: 'buy',
        }),
      }),
      async (vu) => {
        await vu.http.get('/browse');
        await vu.sleep('50ms');
      },
      { flows: { buy: async (vu) => void (await vu.http.post('/buy', { json: { sku: 1 } })) } },
    );
    expect(firstHit.get('/buy')).toBeGreaterThanOrEqual(380);
    expect(firstHit.get('/browse')).toBeLessThan(300);
    const reqs = series('http_reqs') as CounterSeries[];
    const buy = reqs.filter((s) => s.tags['name'] === '/buy');
    expect(buy.every((s) => s.tags['scenario'] === 'buy' && s.tags['method'] === 'POST')).toBe(
      true,
    );
    expect(buy.reduce((n, s) => n + s.value, 0)).toBe(2);
    const browse = reqs.filter((s) => s.tags['name'] === '/browse');
    expect(browse.every((s) => s.tags['scenario'] === 'browse' && s.tags['team'] === 'web')).toBe(
      true,
    );
    expect(result.peakVus).toBe(3);
  });

  it('gracefulStop lets in-flight iterations finish, then cuts them; gracefulRampDown likewise', async () => {
    await using server = await startServer((_req, res) => res.end('ok'));
    const began = Date.now();
    const cut = await drive(
      server.url,
      scenarios({ s: constantVus({ vus: 2, duration: '300ms', gracefulStop: '100ms' }) }),
      async (vu) => {
        await vu.http.get('/');
        await vu.sleep('5s');
      },
    );
    expect(Date.now() - began).toBeLessThan(2000);
    expect(cut.result).toMatchObject({ iterations: 0, interruptedIterations: 2 });
    const finished = await drive(
      server.url,
      scenarios({ s: constantVus({ vus: 2, duration: '300ms', gracefulStop: '2s' }) }),
      async (vu) => {
        await vu.sleep('500ms');
      },
    );
    expect(finished.result).toMatchObject({ iterations: 2, interruptedIterations: 0 });
    const rampDown = await drive(
      server.url,
      scenarios({
        r: rampingVus({
          startVUs: 2,
          stages: [
            { duration: '100ms', target: 2 },
            { duration: '0s', target: 0 },
            { duration: '600ms', target: 0 },
          ],
          gracefulRampDown: '100ms',
        }),
      }),
      async (vu) => {
        await vu.sleep('5s');
      },
    );
    expect(rampDown.result).toMatchObject({ iterations: 0, interruptedIterations: 2 });
  });

  it('ramping-arrival-rate counts arrivals with no free VU per second as dropped', async () => {
    await using server = await startServer((_req, res) => setTimeout(() => res.end('slow'), 300));
    const { result, sum } = await drive(
      server.url,
      scenarios({
        r: rampingArrivalRate({
          startRate: 20,
          preAllocatedVUs: 2,
          maxVUs: 3,
          stages: [{ duration: '1s', target: 60 }],
        }),
      }),
      async (vu) => void (await vu.http.get('/')),
    );
    // ~40 arrivals in 1 s; 3 VUs at 300 ms serve ~10 of them.
    expect(result.droppedIterations).toBe(sum('dropped_iterations'));
    expect(result.droppedIterations).toBeGreaterThanOrEqual(25);
    expect(
      result.droppedIterations + result.iterations + result.interruptedIterations,
    ).toBeGreaterThanOrEqual(39);
  });
});

describe('scenario features on the built-in engine', () => {
  it('login → token → authorised calls, with cookies, groups, redirects and JSON extraction', async () => {
    await using server = await startServer((req, res) => {
      if (req.url === '/login' && req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=abc; Path=/' });
        res.end(JSON.stringify({ data: { token: 'T-42' } }));
      } else if (req.url === '/old') {
        res.writeHead(302, { location: '/me' }).end();
      } else if (req.url === '/me') {
        const ok = req.headers.authorization === 'Bearer T-42' && req.headers.cookie === 'sid=abc';
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ user: { name: 'ada' } }));
      } else res.writeHead(404).end();
    });
    const logins = new Counter('logins');
    let names: string[] = [];
    const { series, result } = await drive(
      server.url,
      ramp({ from: 2, to: 2, rampUp: 0, hold: '600ms' }),
      async (vu) => {
        if (vu.iteration === 0) {
          await vu.group('auth', async () => {
            const res = await vu.http.post('/login', { json: { user: 'ada' } });
            vu.http.headers['authorization'] = `Bearer ${res.json<string>('$.data.token')}`;
            logins.add(1);
          });
        }
        const me = await vu.http.get('/old');
        vu.check(me, { 'me is 200': status(200), 'has name': hasJson('user.name', 'ada') });
        names = [me.json<string>('user.name')];
        await vu.sleep('50ms');
      },
      // The session cookie of iteration 0 must outlive it: k6's `noCookiesReset`.
      { noCookiesReset: true },
    );
    expect(result.flowErrors).toEqual({});
    expect(names).toEqual(['ada']);
    const checks = series('checks') as RateSeries[];
    expect(checks.reduce((n, s) => n + s.total, 0)).toBeGreaterThan(4);
    expect(checks.every((s) => s.passes === s.total)).toBe(true);
    const reqs = series('http_reqs') as CounterSeries[];
    const login = reqs.filter((s) => s.tags['name'] === '/login');
    expect(login.every((s) => s.tags['group'] === '::auth')).toBe(true);
    // Each redirect hop is its own request, as in k6, under the name of the request made.
    const byName = (n: string, status?: string): number =>
      reqs
        .filter(
          (s) => s.tags['name'] === n && (status === undefined || s.tags['status'] === status),
        )
        .reduce((a, s) => a + s.value, 0);
    expect(byName('/me')).toBe(0);
    expect(byName('/old', '302')).toBe(byName('/old', '200'));
    expect((series('logins') as CounterSeries[]).reduce((n, s) => n + s.value, 0)).toBe(2);
    expect(series('group_duration').length).toBeGreaterThan(0);
    const received = (series('data_received') as CounterSeries[]).reduce((n, s) => n + s.value, 0);
    expect(received).toBeGreaterThan(byName('/old', '200') * 100);
  });

  it("empties each VU's cookie jar at every iteration unless noCookiesReset, as k6 does", async () => {
    await using server = await startServer((req, res) => {
      if (req.url === '/login') res.writeHead(200, { 'set-cookie': 'sid=s1; Path=/' }).end();
      else res.end(req.headers.cookie ?? 'none');
    });
    const seen = async (extra: Partial<EnginePlan>): Promise<string[]> => {
      const bodies: string[] = [];
      await drive(
        server.url,
        scenarios({ p: perVuIterations({ vus: 1, iterations: 3, maxDuration: '5s' }) }),
        async (vu) => {
          bodies.push((await vu.http.get('/me')).body);
          if (vu.iteration === 0) await vu.http.get('/login');
          bodies.push((await vu.http.get('/me')).body);
        },
        extra,
      );
      return bodies;
    };
    expect(await seen({})).toEqual(['none', 'sid=s1', 'none', 'none', 'none', 'none']);
    expect(await seen({ noCookiesReset: true })).toEqual([
      'none',
      'sid=s1',
      'sid=s1',
      'sid=s1',
      'sid=s1',
      'sid=s1',
    ]);
  });

  it('lets one VU send overlapping requests (each on its own connection)', async () => {
    await using server = await startServer((_req, res) => setTimeout(() => res.end('ok'), 50));
    let statuses: number[] = [];
    await drive(
      server.url,
      scenarios({ p: perVuIterations({ vus: 1, iterations: 2, maxDuration: '5s' }) }),
      async (vu) => {
        const all = await Promise.all([vu.http.get('/a'), vu.http.get('/b'), vu.http.get('/c')]);
        statuses = all.map((r) => r.status);
      },
    );
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('times a request out at its timeout and counts it as failed with the cause', async () => {
    await using server = await startServer(() => undefined);
    let error: string | undefined;
    const { series } = await drive(
      server.url,
      scenarios({ t: perVuIterations({ vus: 1, iterations: 1, maxDuration: '5s' }) }),
      async (vu) => {
        const began = performance.now();
        const res = await vu.http.get('/hang', { timeout: '200ms' });
        error = `${res.status} ${res.error} ${Math.round((performance.now() - began) / 100)}`;
      },
    );
    expect(error).toMatch(/^0 E_REQUEST_TIMEOUT [23]$/);
    const failed = series('http_req_failed') as RateSeries[];
    expect(failed.map((s) => [s.tags['status'], s.passes, s.total])).toEqual([['0', 1, 1]]);
  });
});
