import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../reports/analysis/timeline.js';
import { newHistogram, recordValue } from '../../core/hdr/histogram.js';
import { SecondPercentiles } from '../../core/hdr/trend-percentiles.js';
import { Aggregator } from '../../harness/aggregator/aggregator.js';
import { httpBucket, range, runData } from './fixtures/run-data-builder.js';

describe('per-second percentiles', () => {
  it('SecondPercentiles merges a second across tag sets, clamped to the exact max', () => {
    const p = new SecondPercentiles();
    const a = newHistogram();
    const b = newHistogram();
    for (const v of range(1, 100, 100)) recordValue(a, v);
    for (const v of range(101, 200, 100)) recordValue(b, v);
    p.add('http_req_duration', a, 100, 100);
    p.add('http_req_duration', b, 100, 200);
    p.add('http_req_duration', newHistogram(), 0, -Infinity);
    const out = p.result()?.['http_req_duration'];
    expect(out?.count).toBe(200);
    expect(out?.p50).toBeCloseTo(100, 0);
    expect(out?.p99).toBeCloseTo(198, 0);
    expect(out?.max).toBe(200);
    expect(new SecondPercentiles().result()).toBeUndefined();
  });

  it('the aggregator writes them with each bucket', () => {
    const agg = new Aggregator();
    for (const v of range(10, 50, 41)) agg.trend('http_req_duration', { name: 'a' }, v);
    agg.trend('http_req_duration', { name: 'b' }, 90);
    const bucket = agg.flush(1);
    expect(bucket.percentiles?.['http_req_duration']).toMatchObject({ count: 42, max: 90 });
    expect(agg.flush(2).percentiles).toBeUndefined();
  });

  it('the timeline uses stored percentiles instead of decoding, and falls back without them', () => {
    const decoded = httpBucket(100, [{ name: 'a', durationsMs: range(10, 20, 11) }]);
    const stored = {
      ...httpBucket(101, [{ name: 'a', durationsMs: range(10, 20, 11) }]),
      percentiles: { http_req_duration: { count: 11, p50: 1, p90: 2, p95: 3, p99: 4, max: 5 } },
    };
    const t = buildTimeline(runData([decoded, stored]));
    expect(t.p50[0]).toBeCloseTo(15, 1);
    expect(t.max[0]).toBe(20);
    // The stored figures win (deliberately different here to prove nothing was decoded).
    expect([t.p50[1], t.p90[1], t.p95[1], t.p99[1], t.max[1]]).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts dropped and completed iterations per second', () => {
    const b = httpBucket(100, [{ name: 'a', durationsMs: [5] }]);
    b.metrics['dropped_iterations'] = [{ kind: 'counter', tags: {}, value: 7 }];
    const t = buildTimeline(runData([b, httpBucket(102, [])]));
    expect(t.droppedPerSec).toEqual([7, null, 0]);
    expect(t.iterationsPerSec).toEqual([1, null, 0]);
  });
});
