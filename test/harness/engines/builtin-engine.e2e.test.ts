import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { BuiltinEngine } from '../../../harness/engines/builtin/builtin-engine.js';
import { loadScenario } from '../../../harness/loader/load-scenario.js';
import { mergeEncoded } from '../../../core/hdr/histogram.js';
import type { ClientBucket, CounterSeries, TrendSeries } from '../../../core/run-dir/run-data.js';
import { startServer } from '../../helpers/http-server.js';

// Worker threads run compiled code: `npm test` builds first (dist/harness/engines/builtin/worker).
describe('BuiltinEngine', () => {
  it('splits VUs over worker threads and merges their seconds into one sink', async () => {
    const vuIds = new Set<string>();
    await using server = await startServer((req, res) => {
      vuIds.add(new URL(req.url ?? '/', 'http://x').searchParams.get('vu') ?? '');
      res.end('ok');
    });
    const scenarioFile = join(import.meta.dirname, '../../fixtures/scenarios/worker-flow.ts');
    const scenario = await loadScenario(scenarioFile);
    const agg = new Aggregator();
    const buckets: ClientBucket[] = [];
    const timer = setInterval(() => buckets.push(agg.flush(buckets.length)), 200);
    const result = await new BuiltinEngine(2).run(
      {
        baseUrl: server.url,
        profile: scenario.profile,
        flow: scenario.flow,
        env: {},
        gracefulStopMs: 2000,
        source: { scenarioFile, scenario },
      },
      agg,
      new AbortController().signal,
    );
    clearInterval(timer);
    buckets.push(agg.flush(buckets.length));
    expect(result.iterations).toBe(20);
    expect(vuIds.size).toBe(4);
    const reqs = buckets.flatMap((b) => (b.metrics['http_reqs'] ?? []) as CounterSeries[]);
    expect(reqs.reduce((n, s) => n + s.value, 0)).toBe(20);
    const durations = buckets.flatMap(
      (b) => (b.metrics['http_req_duration'] ?? []) as TrendSeries[],
    );
    expect(mergeEncoded(durations.map((s) => s.hist)).totalCount).toBe(20);
    // Each thread records its own event-loop delay, tagged with its number.
    const lagThreads = buckets.flatMap((b) =>
      (b.metrics['generator_event_loop_lag'] ?? []).map((s) => s.tags['thread']),
    );
    expect(new Set(lagThreads)).toEqual(new Set(['1', '2']));
  });
});
