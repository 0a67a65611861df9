import { describe, expect, it } from 'vitest';
import { builtinMetric } from '../../../core/builtin-metrics.js';
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import { constantArrivalRate } from '../../../scenarios/executors.js';
import { scenarios } from '../../../scenarios/profile.js';
import { startServer } from '../../helpers/http-server.js';

describe('the built-in metrics thresholds are checked against', () => {
  it('hold every metric the built-in engine records, with its kind', async () => {
    await using server = await startServer((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end('late'), 300);
      else res.writeHead(req.url === '/missing' ? 404 : 200).end('ok');
    });
    const agg = new Aggregator();
    const buckets: ClientBucket[] = [];
    const timer = setInterval(() => buckets.push(agg.flush(buckets.length)), 200);
    await new SingleThreadEngine().run(
      {
        baseUrl: server.url,
        // One VU at 20/s with a slow request: arrivals with no free VU are dropped.
        profile: scenarios({
          main: constantArrivalRate({ rate: 20, duration: '1s', preAllocatedVUs: 1 }),
        }),
        flow: async (vu) => {
          await vu.group('g', async () => {
            vu.check(await vu.http.get('/missing'), { ok: (r) => r.status === 200 });
          });
          if (vu.iteration === 0) await vu.http.get('/slow');
          if (vu.iteration === 1) throw new Error('flow error');
        },
        env: {},
        gracefulStopMs: 1000,
      },
      agg,
      new AbortController().signal,
    );
    clearInterval(timer);
    buckets.push(agg.flush(buckets.length));
    const recorded = new Map<string, string>();
    for (const b of buckets) {
      for (const [name, series] of Object.entries(b.metrics)) {
        for (const s of series) recorded.set(name, s.kind);
      }
    }
    // What this flow exercises (the engine may record more, e.g. VU gauges): each one is listed.
    expect([...recorded.keys()]).toEqual(
      expect.arrayContaining([
        'checks',
        'data_received',
        'data_sent',
        'dropped_iterations',
        'flow_errors',
        'group_duration',
        'http_req_duration',
        'http_req_failed',
        'http_reqs',
        'iteration_duration',
        'iterations',
      ]),
    );
    for (const [name, kind] of recorded) {
      const known = builtinMetric(name);
      expect(known?.kind, name).toBe(kind);
      expect(known?.engines ?? ['builtin'], name).toContain('builtin');
    }
  });
});
