import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { BuiltinEngine } from '../../../harness/engines/builtin/builtin-engine.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import type { Engine } from '../../../harness/engines/engine.js';
import { loadScenario } from '../../../harness/loader/load-scenario.js';
import type { ClientBucket, TrendSeries } from '../../../core/run-dir/run-data.js';
import { startServer } from '../../helpers/http-server.js';

/** Every request takes at least this long on the server, so no latency may be shorter. */
const SERVER_DELAY_MS = 3;

async function runOpenModel(engine: Engine): Promise<{ buckets: ClientBucket[]; served: number }> {
  let served = 0;
  await using server = await startServer((_req, res) => {
    // A timer alone may fire early: answer only once the delay has really passed.
    const arrived = performance.now();
    const answer = (): void => {
      if (performance.now() - arrived < SERVER_DELAY_MS) return void setImmediate(answer);
      served++;
      res.end('ok');
    };
    setTimeout(answer, SERVER_DELAY_MS);
  });
  const scenarioFile = join(import.meta.dirname, '../../fixtures/scenarios/open-model-flow.ts');
  const scenario = await loadScenario(scenarioFile);
  const agg = new Aggregator();
  const buckets: ClientBucket[] = [];
  const timer = setInterval(() => buckets.push(agg.flush(buckets.length)), 250);
  await engine.run(
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
  return { buckets, served };
}

function trends(buckets: ClientBucket[], metric: string): TrendSeries[] {
  return buckets.flatMap((b) => (b.metrics[metric] ?? []) as TrendSeries[]);
}

// Arrivals are scheduled on a timer that can fire a millisecond or more early; latency counted
// from a scheduled start still in the future came out shorter than the request, even negative.
describe.each([
  ['two worker threads', () => new BuiltinEngine(2)],
  ['one thread', () => new SingleThreadEngine()],
])('open model latency from the schedule (%s)', (_name, engine) => {
  it('is never shorter than the time the request took', async () => {
    const { buckets, served } = await runOpenModel(engine());
    const durations = trends(buckets, 'http_req_duration');
    const iterations = trends(buckets, 'iteration_duration');
    const count = durations.reduce((n, s) => n + s.count, 0);
    expect(count).toBe(served);
    expect(count).toBeGreaterThan(500);
    for (const s of [...durations, ...iterations]) {
      expect(s.min).toBeGreaterThanOrEqual(SERVER_DELAY_MS);
    }
  });
});
