import { describe, expect, it } from 'vitest';
import { alignOnGrid, laggedPairs } from '../../reports/analysis/correlation/align.js';
import { correlationTable } from '../../reports/render/correlation-table.js';
import {
  bestLagCorrelation,
  correlateAtLag,
} from '../../reports/analysis/correlation/correlation.js';
import { gcSpikeOverlap } from '../../reports/analysis/correlation/gc-spikes.js';
import { latencyVsConcurrency } from '../../reports/analysis/correlation/latency-concurrency.js';
import { analyseCorrelation } from '../../reports/analysis/correlation/run-correlation.js';

/** mulberry32: a seeded generator, so every run sees the same "random" series. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const series = (n: number, seed: number): number[] => {
  const next = random(seed);
  return Array.from({ length: n }, () => next() * 100);
};

/** y[t] = f(x[t - lag]); seconds before the first shifted value are gaps. */
const shifted = (x: number[], lag: number, f: (v: number) => number): (number | null)[] =>
  x.map((_, t) => (t - lag >= 0 && t - lag < x.length ? f(x[t - lag] as number) : null));

describe('alignment on the 1 s grid', () => {
  it('places samples on their second and keeps missing seconds as gaps', () => {
    expect(
      alignOnGrid(
        [100, 101, 102, 103],
        [
          { t: 100.2, value: 1 },
          { t: 102.9, value: 3 },
          { t: 103, value: NaN },
        ],
      ),
    ).toEqual([1, null, 3, null]);
  });

  it('pairs x at t with y at t + lag and drops pairs with a gap on either side', () => {
    const x = [1, 2, null, 4, 5];
    const y = [10, 20, 30, 40, null];
    expect(laggedPairs(x, y, 0)).toEqual({ x: [1, 2, 4], y: [10, 20, 40] });
    expect(laggedPairs(x, y, 1)).toEqual({ x: [1, 2], y: [20, 30] });
    expect(laggedPairs(x, y, -1)).toEqual({ x: [2, 4, 5], y: [10, 30, 40] });
  });
});

describe('correlation at the best lag', () => {
  it('recovers a known lead of 3 s with a perfect linear relation', () => {
    const heap = series(120, 1);
    const p99 = shifted(heap, 3, (v) => 2 * v + 7);
    const best = bestLagCorrelation(heap, p99);
    expect(best).toMatchObject({ lagSec: 3, n: 117 });
    expect(best?.pearson).toBeCloseTo(1, 10);
    expect(best?.spearman).toBeCloseTo(1, 10);
  });

  it('recovers a negative lag (the server series trails latency) and a negative sign', () => {
    const x = series(90, 2);
    const y = shifted(x, -2, (v) => 50 - v);
    expect(bestLagCorrelation(x, y)).toMatchObject({ lagSec: -2, pearson: -1, spearman: -1 });
  });

  it('recovers the coefficient of a noisy relation: r = a·sx / sqrt(a²·sx² + se²)', () => {
    const n = 4000;
    const x = series(n, 3); // uniform 0..100: variance 100²/12
    const noise = series(n, 4).map((e) => e - 50); // uniform -50..50: same variance
    const y = x.map((v, t) => (t >= 1 ? (x[t - 1] as number) + (noise[t] as number) : null));
    const best = bestLagCorrelation(x, y);
    expect(best?.lagSec).toBe(1);
    // a = 1 and equal variances: r = 1 / sqrt(2).
    expect(best?.pearson).toBeCloseTo(Math.SQRT1_2, 1);
    expect(Math.abs((best?.pearson ?? 0) - Math.SQRT1_2)).toBeLessThan(0.03);
  });

  it('tells Spearman from Pearson on a monotonic but curved relation', () => {
    const x = series(60, 5);
    const c = correlateAtLag(
      x,
      shifted(x, 0, (v) => Math.exp(v / 10)),
      0,
    );
    expect(c.spearman).toBeCloseTo(1, 10);
    expect(c.pearson).toBeLessThan(0.9);
  });

  it('keeps gaps as gaps: a series with holes still finds its lag', () => {
    const x = series(150, 6);
    const y = shifted(x, 4, (v) => v * 3).map((v, t) => (t % 7 === 0 ? null : v));
    const xWithHoles = x.map((v, t) => (t % 11 === 0 ? null : v));
    expect(bestLagCorrelation(xWithHoles, y)).toMatchObject({ lagSec: 4 });
  });

  it('gives nothing for a constant series or too few pairs', () => {
    expect(bestLagCorrelation(Array(30).fill(5), series(30, 7))).toBeUndefined();
    expect(bestLagCorrelation([1, 2, 3, 4], [2, 4, 6, 8])).toBeUndefined();
  });

  it('prefers the smaller shift when two lags fit equally well', () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    expect(bestLagCorrelation(x, x)?.lagSec).toBe(0);
  });
});

describe('GC pauses against latency spikes', () => {
  it('counts spikes that sit next to a GC pause, against chance', () => {
    const p99 = Array<number | null>(60).fill(20);
    const gc = Array<number | null>(60).fill(0.5);
    for (const t of [10, 25, 40]) {
      p99[t] = 200;
      gc[t - 1] = 30; // the agent's second ends before the client's: one second apart
    }
    p99[50] = 180; // a spike with no GC near it
    gc[5] = 40; // a GC with no spike
    const overlap = gcSpikeOverlap(p99, gc);
    expect(overlap).toMatchObject({ spikeSeconds: 4, spikesWithGc: 3, gcSeconds: 4, seconds: 60 });
    expect(overlap?.expectedByChance).toBeLessThan(1);
    expect(overlap?.spikeThresholdMs).toBe(40);
  });

  it('needs both series', () => {
    expect(gcSpikeOverlap([1, 2, null], [null, 1, 2])).toBeUndefined();
  });
});

describe('latency against concurrency', () => {
  it('fits the queueing line W = N / X of a saturated server', () => {
    // 200 req/s of capacity: each extra concurrent request waits 5 ms more.
    const vus = Array.from({ length: 40 }, (_, i) => 10 + i * 2);
    const p50 = vus.map((n) => (n / 200) * 1000);
    const fit = latencyVsConcurrency(vus, p50);
    expect(fit?.slopeMsPerConcurrent).toBeCloseTo(5, 10);
    expect(fit?.interceptMs).toBeCloseTo(0, 8);
    expect(fit).toMatchObject({ r2: 1, n: 40, levels: 40, queueing: true });
  });

  it('does not call flat latency queueing', () => {
    const vus = Array.from({ length: 30 }, (_, i) => 1 + (i % 10));
    const p50 = series(30, 8).map((v) => 20 + v / 100);
    const fit = latencyVsConcurrency(vus, p50);
    expect(fit?.queueing).toBe(false);
    expect(fit?.r2).toBeLessThan(0.5);
  });

  it('says nothing from a single concurrency level', () => {
    expect(latencyVsConcurrency([5, 5, 5, 5], [1, 2, 3, 4])).toBeUndefined();
  });
});

describe('the correlation analysis of a timeline, and its table', () => {
  it('finds the server series that leads p99, with its lag, and words it for the report', () => {
    const n = 60;
    const loop = series(n, 9);
    const p99 = shifted(loop, 2, (v) => 10 + v);
    const noise = series(n, 10);
    const gcPause = Array.from({ length: n }, () => 0);
    const nulls = Array<number | null>(n).fill(null);
    const timeline = {
      t: Array.from({ length: n }, (_, i) => 1000 + i),
      vus: Array.from({ length: n }, (_, i) => 1 + (i % 5)),
      reqPerSec: nulls,
      errorsPerSec: nulls,
      droppedPerSec: nulls,
      iterationsPerSec: nulls,
      p50: p99.map((v) => (v === null ? null : v / 2)),
      p90: nulls,
      p95: nulls,
      p99,
      max: nulls,
      server: [
        {
          id: 'node.event_loop_delay_p99_ms',
          label: 'api loop p99',
          unit: 'ms' as const,
          source: 'agent',
          values: loop,
        },
        {
          id: 'process.open_fds',
          label: 'api fds',
          unit: 'count' as const,
          source: 'proc',
          values: noise,
        },
        {
          id: 'node.gc_pause_ms',
          label: 'api GC',
          unit: 'ms' as const,
          source: 'agent',
          values: gcPause,
        },
      ],
    };
    const analysis = analyseCorrelation(timeline);
    expect(analysis.strongest[0]).toMatchObject({ id: 'node.event_loop_delay_p99_ms' });
    expect(analysis.strongest[0]?.p99).toMatchObject({ lagSec: 2, n: 58 });
    expect(analysis.gcSpikes).toMatchObject({ gcSeconds: 0, spikesWithGc: 0 });
    const table = correlationTable(analysis);
    expect(table.rows[0]).toEqual({
      series: 'api loop p99',
      source: 'agent',
      against: 'p99',
      pearson: '1.00',
      spearman: '1.00',
      lag: '+2 s (server leads)',
      n: '58 (≈ 50 independent)',
      p: '< 0.001',
    });
    expect(table.rows.map((r) => r.series)).not.toContain('api fds');
    expect(table.tested).toBe(
      '1 of the 2 server series tested over 58 s moved with latency beyond chance (p ≤ 0.05).',
    );
    expect(table.concurrency).toContain('latency vs concurrency (active VUs)');
  });

  const twoSeries = (n: number, server: (number | null)[], p99: (number | null)[]) => {
    const nulls = Array<number | null>(n).fill(null);
    return {
      t: Array.from({ length: n }, (_, i) => 1000 + i),
      vus: nulls,
      reqPerSec: nulls,
      errorsPerSec: nulls,
      droppedPerSec: nulls,
      iterationsPerSec: nulls,
      p50: nulls,
      p90: nulls,
      p95: nulls,
      p99,
      max: nulls,
      server: [{ id: 's', label: 'cpu', unit: 'percent' as const, source: 'x', values: server }],
    };
  };

  it('reports nothing from fewer than 30 s, however well the seconds line up', () => {
    const loop = series(20, 3);
    const analysis = analyseCorrelation(
      twoSeries(
        20,
        loop,
        shifted(loop, 0, (v) => v),
      ),
    );
    expect(analysis.series[0]?.p99).toBeUndefined();
    expect(correlationTable(analysis).tested).toBe(
      'No server series could be set against client latency: that needs 30 s or more of both, and both varying.',
    );
  });

  it('does not list what chance explains: unrelated noise over a minute', () => {
    const analysis = analyseCorrelation(twoSeries(60, series(60, 21), series(60, 22)));
    const c = analysis.series[0]?.p99;
    expect(c?.pValue).toBeGreaterThan(0.05);
    expect(analysis.strongest).toEqual([]);
    expect(correlationTable(analysis).tested).toBe(
      'None of the 1 server series tested over 60 s moved with latency beyond chance (p ≤ 0.05).',
    );
  });
});

describe('shared trends', () => {
  it('flags a series that only correlates because both climb with time', () => {
    const n = 40;
    const nulls = Array<number | null>(n).fill(null);
    const wobble = series(n, 11);
    const rising = (scale: number) => wobble.map((w, i) => i * scale + w / 20);
    const timeline = {
      t: Array.from({ length: n }, (_, i) => i),
      vus: nulls,
      reqPerSec: nulls,
      errorsPerSec: nulls,
      droppedPerSec: nulls,
      iterationsPerSec: nulls,
      p50: nulls,
      p90: nulls,
      p95: nulls,
      p99: rising(3),
      max: nulls,
      server: [
        { id: 'heap', label: 'heap', unit: 'bytes' as const, source: 'a', values: rising(1e6) },
      ],
    };
    const [heap] = analyseCorrelation(timeline).series;
    expect(heap?.sharedTrend).toBe(true);
    // Two drifts: each second is nearly the one before, so 40 seconds are a handful of
    // independent ones, and the correlation does not beat chance.
    expect(heap?.p99?.spearman).toBeGreaterThan(0.95);
    expect(heap?.p99?.effectiveN).toBeLessThan(3);
    expect(heap?.p99?.pValue).toBeGreaterThan(0.05);
    expect(correlationTable(analyseCorrelation(timeline)).rows).toEqual([]);
  });
});
