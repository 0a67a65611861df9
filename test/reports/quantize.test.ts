import { describe, expect, it } from 'vitest';
import { quantize } from '../../reports/render/quantize.js';
import { chartData } from '../../reports/render/chart-data.js';
import { buildTimeline } from '../../reports/analysis/timeline.js';
import { httpBucket, runData } from './fixtures/run-data-builder.js';

describe('quantize', () => {
  it('keeps four significant digits at the series scale, nulls as nulls', () => {
    const { step, q } = quantize([180_123_456, 200_000_000, null, 0]);
    expect(step).toBe(100_000);
    expect(q).toEqual([1801, 2000, null, 0]);
    const small = quantize([0.01234, 12.5]);
    expect(small.step).toBeCloseTo(0.01, 10);
    expect(small.q).toEqual([1, 1250]);
    expect(quantize([null, 0])).toEqual({ step: 1, q: [null, 0] });
  });
});

describe('chartData detail', () => {
  const run = runData(
    Array.from({ length: 50 }, (_, i) =>
      httpBucket(1000 + i, [{ name: 'a', durationsMs: [i === 33 ? 900 : 10] }]),
    ),
  );
  const timeline = buildTimeline(run);
  const empty = { percentiles: [], curves: [] };

  it('is absent when every second fits', () => {
    expect(chartData(timeline, empty, 100).detail).toBeNull();
  });

  it('carries every second of every time series once when downsampled', () => {
    const data = chartData(timeline, empty, 10);
    expect(data.bucketSec).toBe(10);
    expect(data.detail?.t0).toBe(1000);
    expect(data.detail?.length).toBe(50);
    const p99 = data.detail!.series['p99']!;
    expect(p99.q.map((v) => (v === null ? null : v * p99.step))).toEqual(timeline.p99);
    // p99 is drawn on the latency chart and next to server series, but stored once.
    const keys = data.charts.flatMap((c) => c.series.map((s) => s.key));
    expect(Object.keys(data.detail!.series).sort()).toEqual([...new Set(keys)].sort());
  });
});
