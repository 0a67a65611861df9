import { describe, expect, it } from 'vitest';
import { mergeMetric, trendPercentile } from '../../../core/series/merge.js';
import { steadySeconds } from '../../../core/run-dir/phases.js';
import {
  compareRuns,
  DEFAULT_COMPARE_SETTINGS,
} from '../../../reports/analysis/compare/compare-runs.js';
import type { MetricComparison } from '../../../reports/analysis/compare/comparison.js';
import { rounds, syntheticRun } from './synthetic-runs.js';

const overall = (metrics: MetricComparison[], stat: string) =>
  metrics.find((m) => m.stat === stat && !m.endpoint)!;
const settings = { ...DEFAULT_COMPARE_SETTINGS, resamples: 400 };

describe('compareRuns', () => {
  it('takes run-level percentiles from the merged HDR histograms of the steady seconds only', () => {
    const run = syntheticRun({ id: 'a', seed: 1, latencyMs: 20 });
    const c = compareRuns([run], [run], settings);
    const steady = steadySeconds(run.meta.phases);
    const merged = mergeMetric(
      run.client.filter((b) => steady.has(b.t)),
      'http_req_duration',
    );
    if (merged?.kind !== 'trend') throw new Error('expected a trend');
    for (const [stat, p] of [
      ['p50', 50],
      ['p95', 95],
      ['p99', 99],
    ] as const) {
      expect(overall(c.metrics, stat).base).toBe(trendPercentile(merged, p));
    }
    expect(overall(c.metrics, 'max').base).toBe(merged.max);
    // The ramps at 10× the latency are left out.
    expect(overall(c.metrics, 'max').base).toBeLessThan(60);
    expect(c.base.runs[0]).toMatchObject({ steadySeconds: 30, steadySource: 'hold' });
  });

  it('calls a run against itself unchanged', () => {
    const run = syntheticRun({ id: 'a', seed: 1, latencyMs: 20 });
    const c = compareRuns([run], [run], settings);
    expect(c.verdict).toBe('unchanged');
    for (const m of c.metrics.filter((x) => x.judged)) expect(m.verdict).toBe('unchanged');
    expect(c.method).toBe('bootstrap');
  });

  it('finds a 20 % slower candidate a regression on p50, p95 and p99, and says which way', () => {
    const c = compareRuns(
      [syntheticRun({ id: 'a', seed: 1, latencyMs: 20 })],
      [syntheticRun({ id: 'b', seed: 2, latencyMs: 24 })],
      settings,
    );
    expect(c.verdict).toBe('regression');
    for (const stat of ['p50', 'p95', 'p99']) {
      const m = overall(c.metrics, stat);
      expect(m.verdict).toBe('regression');
      expect(m.relative!).toBeGreaterThan(0.1);
      expect(m.low).toBeGreaterThan(0);
      expect(m.pAdjusted).toBeLessThanOrEqual(0.05);
    }
    // The maximum is shown under a bootstrap, never judged.
    expect(overall(c.metrics, 'max')).toMatchObject({ judged: false, verdict: 'inconclusive' });
    // Both endpoints are compared on their own.
    const endpoints = c.metrics.filter((m) => m.endpoint && m.stat === 'p50');
    expect(endpoints.map((m) => `${m.endpoint!.method} ${m.endpoint!.name}`)).toEqual([
      'GET /a',
      'GET /b',
    ]);
    expect(endpoints.every((m) => m.verdict === 'regression')).toBe(true);
  });

  it('finds a faster candidate an improvement (latency down is better)', () => {
    const c = compareRuns(
      [syntheticRun({ id: 'a', seed: 1, latencyMs: 24 })],
      [syntheticRun({ id: 'b', seed: 2, latencyMs: 20 })],
      settings,
    );
    expect(overall(c.metrics, 'p50').verdict).toBe('improvement');
    expect(c.verdict).toBe('improvement');
  });

  it('treats a higher error rate as a regression and a change below the floor as none', () => {
    const errors = compareRuns(
      [syntheticRun({ id: 'a', seed: 1, latencyMs: 20 })],
      [syntheticRun({ id: 'b', seed: 1, latencyMs: 20, failedPerSec: 5 })],
      settings,
    );
    expect(overall(errors.metrics, 'error_rate').verdict).toBe('regression');
    expect(overall(errors.metrics, 'error_rate').candidate).toBeCloseTo(0.05, 5);
  });

  it('judges memory growth per run in bytes per minute', () => {
    const c = compareRuns(
      [syntheticRun({ id: 'a', seed: 1, latencyMs: 20 })],
      [syntheticRun({ id: 'b', seed: 2, latencyMs: 20, heapGrowthPerSec: 200_000 })],
      settings,
    );
    const slope = c.metrics.find((m) => m.stat === 'memory_slope')!;
    expect(slope.series).toBe('node.heap_used_bytes');
    expect(slope.candidate).toBeGreaterThan(10e6);
    expect(slope.verdict).toBe('regression');
    expect(c.metrics.find((m) => m.stat === 'cpu_per_request')!.series).toBe('process.cpu_percent');
  });

  it('uses the bootstrap of runs and seconds with 3 + 3 rounds, and warns about the rank test', () => {
    const c = compareRuns(
      rounds(3, { latencyMs: 20 }, 10),
      rounds(3, { latencyMs: 22 }, 20),
      settings,
    );
    expect(c.method).toBe('bootstrap');
    expect(c.warnings.join('\n')).toContain(
      'needs >= 4 samples per side to detect a difference at alpha level 0.05',
    );
    const p50 = overall(c.metrics, 'p50');
    expect(p50.rank?.test?.n1).toBe(3);
    expect(p50.runs.base).toHaveLength(3);
    expect(p50.verdict).toBe('regression');
  });

  it('needs Welch over the runs as well as the bootstrap with 3 + 3 rounds: one odd round is not a regression', () => {
    // Two candidate rounds within 3 % of the base, one 17 % above it: the spread between
    // rounds, which resampling three rounds understates.
    const base = [19.8, 20, 20.2].map((l, i) =>
      syntheticRun({ id: `b${i}`, seed: 10 + i, latencyMs: l }),
    );
    const candidate = [20.2, 20.6, 23.5].map((l, i) =>
      syntheticRun({ id: `c${i}`, seed: 20 + i, latencyMs: l }),
    );
    const p50 = overall(compareRuns(base, candidate, settings).metrics, 'p50');
    expect(p50.bootstrap!.p).toBeLessThan(0.01); // alone it would call this a regression
    expect(p50.welch!.df).toBeLessThan(3);
    expect(p50.welch!.p).toBeGreaterThan(0.2);
    expect(p50.p).toBe(Math.max(p50.bootstrap!.p, p50.welch!.p));
    expect(p50.low).toBeLessThan(0);
    expect(p50.low).toBeLessThanOrEqual(p50.bootstrap!.low);
    expect(p50.verdict).toBe('inconclusive');
    // Three steady rounds a side still find a steady 8 % shift.
    const shifted = [21.5, 21.6, 21.7].map((l, i) =>
      syntheticRun({ id: `s${i}`, seed: 30 + i, latencyMs: l }),
    );
    expect(overall(compareRuns(base, shifted, settings).metrics, 'p50').verdict).toBe('regression');
  });

  it('uses the rank test when enough rounds make it able to decide', () => {
    const c = compareRuns(
      rounds(8, { latencyMs: 20 }, 10),
      rounds(8, { latencyMs: 22 }, 30),
      settings,
    );
    expect(c.method).toBe('rank');
    const p50 = overall(c.metrics, 'p50');
    expect(p50.p).toBeLessThan(0.001);
    expect(p50.verdict).toBe('regression');
    expect(overall(c.metrics, 'max').judged).toBe(true);
  });

  it('falls back to every loaded second when a run records no hold phase, and says so', () => {
    const run = syntheticRun({ id: 'k6', seed: 3, latencyMs: 20, phases: false });
    const c = compareRuns([run], [run], settings);
    expect(c.base.runs[0]!.steadySource).toBe('loaded');
    expect(c.base.runs[0]!.steadySeconds).toBe(38);
    expect(c.warnings.join('\n')).toContain('records no hold phase');
  });

  it('judges nothing from a side of fewer than 5 steady seconds (one second has no spread)', () => {
    const c = compareRuns(
      [syntheticRun({ id: 'a', seed: 1, latencyMs: 20, holdSec: 3 })],
      [syntheticRun({ id: 'b', seed: 2, latencyMs: 40, holdSec: 3 })],
      settings,
    );
    expect(c.metrics.every((m) => !m.judged)).toBe(true);
    expect(overall(c.metrics, 'p50').note).toContain('fewer than 5 steady seconds');
    expect(c.verdict).toBe('inconclusive');
  });

  it('is deterministic for a seed', () => {
    const a = [syntheticRun({ id: 'a', seed: 1, latencyMs: 20 })];
    const b = [syntheticRun({ id: 'b', seed: 2, latencyMs: 21 })];
    expect(compareRuns(a, b, settings)).toEqual(compareRuns(a, b, settings));
  });
});

describe('a long run', () => {
  it('is resampled in units of several seconds, with the same figures as second by second', () => {
    const run = syntheticRun({ id: 'soak', seed: 5, latencyMs: 20, holdSec: 1500, rate: 2 });
    const c = compareRuns([run], [run], { ...DEFAULT_COMPARE_SETTINGS, resamples: 200 });
    const steady = steadySeconds(run.meta.phases);
    const merged = mergeMetric(
      run.client.filter((b) => steady.has(b.t)),
      'http_req_duration',
    );
    if (merged?.kind !== 'trend') throw new Error('expected a trend');
    expect(overall(c.metrics, 'p99').base).toBe(trendPercentile(merged, 99));
    expect(overall(c.metrics, 'throughput').base).toBe(4);
    expect(c.base.runs[0]!.steadySeconds).toBe(1500);
    expect(c.blockLengthSec % 3).toBe(0); // 1500 s in 500 units of 3 s
  }, 60_000);
});
