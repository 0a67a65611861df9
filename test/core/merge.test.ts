import { describe, expect, it } from 'vitest';
import {
  matchesTags,
  mergeMetric,
  mergeMetricBy,
  metricNames,
  trendPercentile,
  type MergedTrend,
} from '../../core/series/merge.js';
import { decodeHistogram, percentile } from '../../core/hdr/histogram.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import { httpBucket, range, trendSeries } from '../reports/fixtures/run-data-builder.js';

const values = range(1, 10_000, 10_000);
/** The same 10 000 values spread over 10 seconds, interleaved so every bucket differs. */
const buckets: ClientBucket[] = Array.from({ length: 10 }, (_, i) => ({
  t: 1000 + i,
  vus: 5,
  metrics: {
    http_req_duration: [
      trendSeries(
        values.filter((_, j) => j % 10 === i),
        { name: 'a' },
      ),
    ],
  },
}));

describe('mergeMetric', () => {
  it('merges histograms across buckets exactly as one histogram of all values', () => {
    const merged = mergeMetric(buckets, 'http_req_duration') as MergedTrend;
    const single = decodeHistogram(trendSeries(values).hist);
    expect(merged.kind).toBe('trend');
    expect(merged.count).toBe(10_000);
    expect(merged.histogram.totalCount).toBe(10_000);
    expect(merged.sum).toBeCloseTo(50_005_000, 6);
    expect([merged.min, merged.max]).toEqual([1, 10_000]);
    for (const p of [0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]) {
      expect(percentile(merged.histogram, p)).toBe(percentile(single, p));
    }
  });

  it('filters series by a tag subset', () => {
    const run = [
      httpBucket(1, [
        { name: 'login', method: 'POST', durationsMs: [10, 20] },
        { name: 'login', method: 'GET', durationsMs: [30] },
        { name: 'home', durationsMs: [40, 50, 60] },
      ]),
    ];
    const count = (tags: Record<string, string>) =>
      (mergeMetric(run, 'http_req_duration', tags) as MergedTrend | undefined)?.count;
    expect(count({})).toBe(6);
    expect(count({ name: 'login' })).toBe(3);
    expect(count({ name: 'login', method: 'POST' })).toBe(2);
    expect(count({ name: 'nope' })).toBeUndefined();
    expect(mergeMetric(run, 'not_a_metric')).toBeUndefined();
  });

  it('sums counters and rates, keeps the latest gauge value with the overall range', () => {
    const run: ClientBucket[] = [
      {
        t: 2,
        vus: 1,
        metrics: {
          c: [{ kind: 'counter', tags: {}, value: 5 }],
          r: [{ kind: 'rate', tags: {}, passes: 1, total: 4 }],
          g: [{ kind: 'gauge', tags: {}, value: 7, min: 3, max: 9 }],
        },
      },
      {
        t: 1,
        vus: 1,
        metrics: {
          c: [{ kind: 'counter', tags: {}, value: 2 }],
          r: [{ kind: 'rate', tags: {}, passes: 3, total: 4 }],
          g: [{ kind: 'gauge', tags: {}, value: 1, min: 1, max: 12 }],
        },
      },
    ];
    expect(mergeMetric(run, 'c')).toEqual({ kind: 'counter', value: 7 });
    expect(mergeMetric(run, 'r')).toEqual({ kind: 'rate', passes: 4, total: 8 });
    // Buckets out of order: the gauge's value is the one of the latest second (t=2).
    expect(mergeMetric(run, 'g')).toEqual({ kind: 'gauge', value: 7, min: 1, max: 12, lastT: 2 });
    expect(metricNames(run)).toEqual(['c', 'g', 'r']);
  });

  it('refuses a metric whose series change kind', () => {
    const run: ClientBucket[] = [
      { t: 1, vus: 1, metrics: { m: [{ kind: 'counter', tags: {}, value: 1 }] } },
      { t: 2, vus: 1, metrics: { m: [{ kind: 'rate', tags: {}, passes: 1, total: 1 }] } },
    ];
    expect(() => mergeMetric(run, 'm')).toThrow(/metric "m" has series of kind counter and rate/);
  });
});

describe('mergeMetricBy', () => {
  it('splits by a key and the parts add up to the whole', () => {
    const run = [
      httpBucket(1, [
        { name: 'a', durationsMs: [1, 2, 3] },
        { name: 'b', durationsMs: [100] },
      ]),
      httpBucket(2, [{ name: 'a', durationsMs: [4] }]),
    ];
    const groups = mergeMetricBy(run, 'http_req_duration', (tags) => tags['name'] ?? '');
    const a = groups.get('a') as MergedTrend;
    const b = groups.get('b') as MergedTrend;
    expect([a.count, a.sum, a.max]).toEqual([4, 10, 4]);
    expect([b.count, b.min]).toEqual([1, 100]);
  });
});

describe('matchesTags', () => {
  it('requires every selector tag to equal the series tag', () => {
    const tags = { name: 'login', method: 'GET', status: '200' };
    expect(matchesTags(tags, {})).toBe(true);
    expect(matchesTags(tags, { name: 'login', status: '200' })).toBe(true);
    expect(matchesTags(tags, { name: 'login', status: '500' })).toBe(false);
    expect(matchesTags(tags, { group: 'x' })).toBe(false);
  });
});

describe('trendPercentile', () => {
  it('is clamped to the exact max (HDR rounds bucket values up)', () => {
    const merged = mergeMetric(
      [{ t: 1, vus: 1, metrics: { d: [trendSeries([1234.567])] } }],
      'd',
    ) as MergedTrend;
    expect(trendPercentile(merged, 100)).toBe(1234.567);
    expect(trendPercentile(merged, 0)).toBe(1234.567);
  });
});
