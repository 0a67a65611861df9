import { describe, expect, it } from 'vitest';
import type { CounterSeries } from '../../../core/run-dir/run-data.js';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import { perVuIterations } from '../../../scenarios/executors.js';
import { Counter, Trend } from '../../../scenarios/metrics.js';
import { scenarios } from '../../../scenarios/profile.js';

describe('a custom metric recorded under a second kind in a flow', () => {
  it('is a flow error, counted like any other, and the first kind keeps its samples', async () => {
    // Two modules loaded apart (so neither declaration saw the other) share the name "mixed".
    const trend = new Trend('mixed');
    const counter = new Counter('mixed');
    const agg = new Aggregator();
    const warned: string[] = [];
    const result = await new SingleThreadEngine().run(
      {
        // The flow sends no request: nothing listens here.
        baseUrl: 'http://127.0.0.1:9',
        profile: scenarios({ main: perVuIterations({ vus: 2, iterations: 3, maxDuration: '5s' }) }),
        flow: () => {
          trend.add(12.5);
          counter.add(1);
          return Promise.resolve();
        },
        env: {},
        gracefulStopMs: 1000,
      },
      agg,
      new AbortController().signal,
      { onFlowError: (message) => warned.push(message) },
    );
    const message =
      'metric "mixed" has series of kind trend and counter; one metric keeps one kind';
    expect(result.flowErrors).toEqual({ [message]: 6 });
    expect(warned).toEqual([message]);
    const bucket = agg.flush(1);
    const flowErrors = (bucket.metrics['flow_errors'] ?? []) as CounterSeries[];
    expect(flowErrors.reduce((n, s) => n + s.value, 0)).toBe(6);
    expect(bucket.metrics['mixed']?.map((s) => [s.kind, s.kind === 'trend' && s.count])).toEqual([
      ['trend', 6],
    ]);
  });
});
