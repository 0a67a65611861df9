import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../reports/analysis/timeline.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import { httpBucket, range, runData } from './fixtures/run-data-builder.js';

describe('buildTimeline', () => {
  const idle: ClientBucket = { t: 102, vus: 4, metrics: {} };
  const run = runData(
    [
      httpBucket(100, [{ name: 'a', durationsMs: range(1, 100, 100), failed: 3 }], 4),
      httpBucket(
        101,
        [
          { name: 'a', durationsMs: [5, 5] },
          { name: 'b', durationsMs: [500] },
        ],
        6,
      ),
      idle,
      // 103 is missing entirely: a gap.
      httpBucket(104, [{ name: 'a', durationsMs: [7] }], 2),
    ],
    {
      server: [
        { t: 99, values: { 'process.cpu_percent': 5 } },
        { t: 101, values: { 'process.cpu_percent': 80, 'process.rss_bytes': 1e8 } },
        {
          t: 104,
          values: { 'process.cpu_percent': 40, 'process.rss_bytes': 1.1e8, 'extra.series': 1 },
        },
      ],
    },
  );
  const tl = buildTimeline(run);

  it('puts client and server on one per-second grid spanning both', () => {
    expect(tl.t).toEqual([99, 100, 101, 102, 103, 104]);
  });

  it('keeps gaps as null and a second without requests as zero throughput', () => {
    expect(tl.vus).toEqual([null, 4, 6, 4, null, 2]);
    expect(tl.reqPerSec).toEqual([null, 100, 3, 0, null, 1]);
    expect(tl.errorsPerSec).toEqual([null, 3, 0, 0, null, 0]);
    expect(tl.max).toEqual([null, 100, 500, null, null, 7]);
    expect(tl.p50[0]).toBeNull();
    expect(tl.p50[3]).toBeNull();
    expect(tl.p50[4]).toBeNull();
    // HDR reports the highest value equivalent to the bucket: 5 ms reads as 5.003 ms.
    expect(tl.p50[2]).toBeCloseTo(5, 2);
    expect(tl.p99[2]).toBe(500);
    expect(tl.p95[1]).toBeGreaterThanOrEqual(95);
    expect(tl.p95[1]).toBeLessThanOrEqual(95.1);
  });

  it('aligns server series on the grid, null where a sample is missing', () => {
    expect(tl.server.map((s) => [s.id, s.unit, s.values])).toEqual([
      ['process.cpu_percent', 'percent', [5, null, 80, null, null, 40]],
      ['process.rss_bytes', 'bytes', [null, null, 1e8, null, null, 1.1e8]],
      ['extra.series', 'count', [null, null, null, null, null, 1]],
    ]);
  });

  it('is empty for a run with no samples', () => {
    const empty = buildTimeline(runData([]));
    expect(empty.t).toEqual([]);
    expect(empty.server.map((s) => s.values)).toEqual([[], []]);
  });

  it('refuses a span that cannot be unix seconds', () => {
    const bad = runData([httpBucket(1, []), httpBucket(1_700_000_000_000, [])]);
    expect(() => buildTimeline(bad)).toThrow(/bucket times must be unix seconds/);
  });
});
