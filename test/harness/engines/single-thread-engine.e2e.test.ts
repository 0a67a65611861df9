import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import { mergeEncoded, percentile } from '../../../core/hdr/histogram.js';
import type {
  ClientBucket,
  CounterSeries,
  RateSeries,
  TrendSeries,
} from '../../../core/run-dir/run-data.js';
import { constantRate, ramp } from '../../../scenarios/profile.js';
import type { Flow } from '../../../scenarios/vu-context.js';
import { startServer } from '../../helpers/http-server.js';

function collect(buckets: ClientBucket[], metric: string) {
  return buckets.flatMap((b) => b.metrics[metric] ?? []);
}

async function drive(
  baseUrl: string,
  profile: Parameters<SingleThreadEngine['run']>[0]['profile'],
  flow: Flow,
  signal = new AbortController().signal,
) {
  const agg = new Aggregator();
  const buckets: ClientBucket[] = [];
  const timer = setInterval(() => buckets.push(agg.flush(buckets.length)), 250);
  const result = await new SingleThreadEngine().run(
    { baseUrl, profile, flow, env: {}, gracefulStopMs: 2000 },
    agg,
    signal,
  );
  clearInterval(timer);
  buckets.push(agg.flush(buckets.length));
  return { result, buckets };
}

describe('SingleThreadEngine', () => {
  it('loops VUs through the flow and records every request once, with k6 metric names', async () => {
    await using server = await startServer((req, res) => {
      if (req.url === '/missing') res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    let calls = 0;
    const { result, buckets } = await drive(
      server.url,
      ramp({ from: 4, to: 4, rampUp: 0, hold: '1500ms' }),
      async (vu) => {
        calls++;
        const res = await vu.http.get('/ok?x=1');
        vu.check(res, {
          'is 200': (r) => r.status === 200,
          'is json': (r) => r.json<{ ok: boolean }>().ok,
        });
        if (vu.iteration % 2 === 0) await vu.http.get('/missing');
        await vu.sleep('10ms');
      },
    );
    const durations = collect(buckets, 'http_req_duration') as TrendSeries[];
    const total = durations.reduce((n, s) => n + s.count, 0);
    const reqs = (collect(buckets, 'http_reqs') as CounterSeries[]).reduce(
      (n, s) => n + s.value,
      0,
    );
    expect(total).toBe(reqs);
    expect(result.iterations + result.interruptedIterations).toBe(calls);
    expect(result.peakVus).toBe(4);
    expect(new Set(durations.map((s) => s.tags['name']))).toEqual(new Set(['/ok', '/missing']));
    const failed = collect(buckets, 'http_req_failed') as RateSeries[];
    const failures = failed
      .filter((s) => s.tags['status'] === '404')
      .reduce((n, s) => n + s.passes, 0);
    expect(failures).toBeGreaterThan(0);
    expect(failed.filter((s) => s.tags['status'] === '200').every((s) => s.passes === 0)).toBe(
      true,
    );
    const checks = collect(buckets, 'checks') as RateSeries[];
    expect(checks.reduce((n, s) => n + s.total, 0)).toBe(2 * calls);
    expect(checks.every((s) => s.passes === s.total)).toBe(true);
  });

  it('counts connection errors as failed requests with status 0', async () => {
    const server = await startServer((_req, res) => res.end());
    const url = server.url;
    await server.close();
    const { buckets } = await drive(
      url,
      ramp({ from: 1, to: 1, rampUp: 0, hold: '300ms' }),
      async (vu) => {
        const res = await vu.http.get('/');
        vu.check(res, { 'has error cause': (r) => r.status === 0 && r.error === 'ECONNREFUSED' });
        await vu.sleep(0.05);
      },
    );
    const failed = collect(buckets, 'http_req_failed') as RateSeries[];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((s) => s.tags['status'] === '0' && s.passes === s.total)).toBe(true);
    expect((collect(buckets, 'checks') as RateSeries[]).every((s) => s.passes === s.total)).toBe(
      true,
    );
  });

  it('open model: latency counts from the scheduled start, so a stalling server cannot hide its stall', async () => {
    // The server blocks its event loop for 300 ms once, 500 ms into the run.
    let stalled = false;
    const start = Date.now();
    await using server = await startServer((_req, res) => {
      if (!stalled && Date.now() - start > 500) {
        stalled = true;
        const until = Date.now() + 300;
        while (Date.now() < until);
      }
      res.end('ok');
    });
    const { buckets, result } = await drive(
      server.url,
      constantRate({ rate: 100, duration: '1500ms', preAllocatedVUs: 2, maxVUs: 50 }),
      async (vu) => {
        await vu.http.get('/');
      },
    );
    const hists = (collect(buckets, 'http_req_duration') as TrendSeries[]).map((s) => s.hist);
    const merged = mergeEncoded(hists);
    // ~30 arrivals were due during the stall: each waited up to 300 ms from its schedule.
    expect(merged.totalCount).toBeGreaterThanOrEqual(140);
    expect(percentile(merged, 99)).toBeGreaterThanOrEqual(250);
    expect(percentile(merged, 50)).toBeLessThan(50);
    expect(result.droppedIterations).toBe(0);
  });

  it('open model: arrivals with no free VU are counted as dropped iterations', async () => {
    await using server = await startServer((_req, res) => setTimeout(() => res.end('slow'), 200));
    const { buckets, result } = await drive(
      server.url,
      constantRate({ rate: 50, duration: '1s', preAllocatedVUs: 2, maxVUs: 2 }),
      async (vu) => {
        await vu.http.get('/');
      },
    );
    const dropped = (collect(buckets, 'dropped_iterations') as CounterSeries[]).reduce(
      (n, s) => n + s.value,
      0,
    );
    // 2 VUs at 200 ms each serve ~10 of the 50 arrivals.
    expect(result.droppedIterations).toBe(dropped);
    expect(dropped).toBeGreaterThanOrEqual(35);
    expect(dropped + result.iterations + result.interruptedIterations).toBe(50);
  });

  it('stops at once when interrupted and reports the cut iterations', async () => {
    await using server = await startServer((_req, res) => setTimeout(() => res.end('slow'), 5000));
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 300);
    const began = Date.now();
    const { result } = await drive(
      server.url,
      ramp({ from: 3, to: 3, rampUp: 0, hold: '30s' }),
      async (vu) => {
        await vu.http.get('/');
      },
      interrupt.signal,
    );
    expect(Date.now() - began).toBeLessThan(2000);
    expect(result.interruptedIterations).toBe(3);
    expect(result.iterations).toBe(0);
  });
});
