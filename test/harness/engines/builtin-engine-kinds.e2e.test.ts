import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CounterSeries } from '../../../core/run-dir/run-data.js';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { BuiltinEngine } from '../../../harness/engines/builtin/builtin-engine.js';
import { loadScenario } from '../../../harness/loader/load-scenario.js';

// Worker threads run compiled code: `npm test` builds first (dist/harness/engines/builtin/worker).
describe('BuiltinEngine, one metric recorded under two kinds by two threads', () => {
  it('counts the conflict as a flow error where the seconds meet, and keeps the rest', async () => {
    const scenarioFile = join(import.meta.dirname, '../../fixtures/scenarios/mixed-kinds-flow.ts');
    const scenario = await loadScenario(scenarioFile);
    const agg = new Aggregator();
    const warned: string[] = [];
    const result = await new BuiltinEngine(2).run(
      {
        baseUrl: 'http://127.0.0.1:9',
        profile: scenario.profile,
        flow: scenario.flow,
        env: {},
        gracefulStopMs: 2000,
        source: { scenarioFile, scenario },
      },
      agg,
      new AbortController().signal,
      { onFlowError: (message) => warned.push(message) },
    );
    expect(result.iterations).toBe(20);
    const conflicts = Object.entries(result.flowErrors);
    expect(conflicts).toHaveLength(1);
    const [message, count] = conflicts[0] as [string, number];
    expect(message).toMatch(
      /^metric "mixed" has series of kind (trend and counter|counter and trend)/,
    );
    expect(count).toBeGreaterThanOrEqual(1);
    expect(warned).toEqual([message]);
    const bucket = agg.flush(1);
    const flowErrors = (bucket.metrics['flow_errors'] ?? []) as CounterSeries[];
    expect(flowErrors.reduce((n, s) => n + s.value, 0)).toBe(count);
    // Whichever kind arrived first keeps its series; the other thread's are left out.
    expect(new Set(bucket.metrics['mixed']?.map((s) => s.kind)).size).toBe(1);
  });
});
