import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketQueue } from '../../../../harness/lifecycle/bucket-queue.js';
import { expectK6Accepts } from '../../../helpers/k6/check-k6-script.js';
import { executionSegments } from '../../../../harness/engines/k6/execution-segments.js';
import { findK6 } from '../../../../harness/engines/k6/k6-binary.js';
import { K6Engine } from '../../../../harness/engines/k6/k6-engine.js';
import { LoadrigError } from '../../../../core/errors.js';
import { loadScenario } from '../../../../harness/loader/load-scenario.js';
import type { CounterSeries, TrendSeries } from '../../../../core/run-dir/run-data.js';
import { useTempDirs } from '../../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const fakeK6 = join(import.meta.dirname, '../../../fixtures/fake-k6/k6');
const scenarioFile = join(import.meta.dirname, '../../../fixtures/scenarios/k6-flow.ts');

async function runFake(env: Record<string, string> = {}, segments = 1) {
  const scenario = await loadScenario(scenarioFile);
  const sink = new BucketQueue();
  Object.assign(process.env, env);
  const startedMs = Date.now();
  try {
    const result = await new K6Engine(() => fakeK6).run(
      {
        baseUrl: 'http://127.0.0.1:8080',
        profile: scenario.profile,
        flow: scenario.flow,
        env: {},
        gracefulStopMs: 1000,
        source: { scenarioFile, scenario },
        segments,
      },
      sink,
      new AbortController().signal,
    );
    return { result, buckets: sink.take(), startedMs, endedMs: Date.now() };
  } finally {
    for (const k of Object.keys(env)) delete process.env[k];
  }
}

describe('K6Engine (with a stand-in k6 binary that writes real k6 output formats)', () => {
  it("hands over whole seconds labelled by k6's own timestamps, and reads its verdicts", async () => {
    const kept = join(tempDir('loadrig-k6-kept-'), 'script.js');
    const { result, buckets, startedMs, endedMs } = await runFake({ FAKE_K6_KEEP_SCRIPT: kept });
    // The script the engine gave k6 goes through the same checks as every export.
    await expectK6Accepts(readFileSync(kept, 'utf8'));
    // Each second once, in order, within the run: labelled by when k6 measured, not by arrival.
    const ts = buckets.map((b) => b.t);
    expect(ts).toEqual([...new Set(ts)].sort((a, b) => a - b));
    expect(ts[0]).toBeGreaterThanOrEqual(Math.floor(startedMs / 1000));
    expect(ts.at(-1)).toBeLessThanOrEqual(Math.floor(endedMs / 1000));
    const reqs = buckets
      .flatMap((b) => (b.metrics['http_reqs'] ?? []) as CounterSeries[])
      .reduce((n, s) => n + s.value, 0);
    expect(reqs).toBe(120);
    const durations = buckets.flatMap(
      (b) => (b.metrics['http_req_duration'] ?? []) as TrendSeries[],
    );
    expect(durations.reduce((n, s) => n + s.count, 0)).toBe(120);
    expect(durations[0]?.tags).toEqual({
      name: '/fast',
      method: 'GET',
      status: '200',
      scenario: 'default',
      expected_response: 'true',
    });
    expect(result.iterations).toBe(120);
    expect(result.peakVus).toBe(3);
    expect(result.k6Thresholds).toEqual([
      { metric: 'http_req_duration', expression: 'p(95)<300', passed: true },
      { metric: 'http_req_duration', expression: 'max<5000', passed: true },
      { metric: 'http_req_duration{name:/fast}', expression: 'p(99)<250', passed: true },
    ]);
    // The JSON output's object form (abortOnFail) is kept; the tagged one comes from the summary.
    expect(result.k6DeclaredThresholds).toEqual({
      http_req_duration: [
        'p(95)<300',
        { threshold: 'max<5000', abortOnFail: true, delayAbortEval: '10s' },
      ],
      'http_req_duration{name:/fast}': ['p(99)<250'],
    });
  });

  it("treats k6's exit code 99 as failed thresholds, not a failure to run", async () => {
    const { result } = await runFake({ FAKE_K6_FAIL: '1' });
    expect(result.k6Thresholds).toContainEqual({
      metric: 'http_req_duration',
      expression: 'p(95)<300',
      passed: false,
    });
  });

  it('names K6_BINARY and PATH when k6 is not installed', () => {
    expect(() => findK6({ PATH: '/nonexistent' })).toThrow(
      /K6_BINARY is not set and there is no k6 on PATH/,
    );
    const e = (() => {
      try {
        findK6({ K6_BINARY: '/nonexistent/k6', PATH: '' });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(LoadrigError);
    expect((e as LoadrigError).message).toContain('K6_BINARY is set to /nonexistent/k6');
    expect(findK6({ K6_BINARY: fakeK6 })).toBe(fakeK6);
  });
});

describe('execution segments', () => {
  it('splits a run into N k6 processes whose samples and VUs add up in one sink', async () => {
    const { result, buckets } = await runFake({}, 3);
    expect(
      buckets
        .flatMap((b) => (b.metrics['http_reqs'] ?? []) as CounterSeries[])
        .reduce((n, s) => n + s.value, 0),
    ).toBe(120);
    expect(result.iterations).toBe(120);
    expect(result.peakVus).toBe(3);
    // Each process only judged its share, so k6's per-process verdicts are not reported.
    expect(result.k6Thresholds).toEqual([]);
  });

  it("follows k6's segment notation", () => {
    expect(executionSegments(3)).toEqual([
      { segment: '0:1/3', sequence: '0,1/3,2/3,1' },
      { segment: '1/3:2/3', sequence: '0,1/3,2/3,1' },
      { segment: '2/3:1', sequence: '0,1/3,2/3,1' },
    ]);
    expect(() => executionSegments(0)).toThrow(/positive integer, got 0/);
  });
});
