import { describe, expect, it } from 'vitest';
import type { ClientBucket, CounterSeries } from '../../../../core/run-dir/run-data.js';
import {
  K6_SECOND_COMPLETE_AFTER_MS,
  K6SampleSink,
} from '../../../../harness/engines/k6/k6-sample-sink.js';
import type { K6Sample } from '../../../../harness/engines/k6/k6-json.js';
import { BucketQueue } from '../../../../harness/lifecycle/bucket-queue.js';

const T0 = 1_800_000_000_000; // a whole second, in unix ms
const req = (timeMs: number): K6Sample => ({
  metric: 'http_reqs',
  kind: 'counter',
  timeMs,
  value: 1,
  tags: { name: '/x' },
});
const count = (b: ClientBucket | undefined): number =>
  ((b?.metrics['http_reqs'] ?? []) as CounterSeries[]).reduce((n, s) => n + s.value, 0);

describe('live k6 samples, bucketed by their own timestamps', () => {
  it('labels each second by when k6 measured it, however late the samples arrive', () => {
    let now = T0;
    const queue = new BucketQueue();
    const sink = new K6SampleSink(queue, () => now);
    // Samples of second T0 arrive 1.5 s late, mixed with those of T0+1 (k6 flushes every 200 ms).
    now = T0 + 1500;
    sink.add(req(T0 + 100));
    sink.add(req(T0 + 1100));
    sink.add(req(T0 + 900));
    sink.release();
    expect(queue.take()).toEqual([]); // T0 is not complete yet: samples may still come
    now = T0 + 1000 + K6_SECOND_COMPLETE_AFTER_MS;
    sink.release();
    const [first, ...rest] = queue.take();
    expect(rest).toEqual([]);
    expect(first?.t).toBe(T0 / 1000);
    expect(count(first)).toBe(2);
    sink.finish();
    const [second] = queue.take();
    expect(second?.t).toBe(T0 / 1000 + 1);
    expect(count(second)).toBe(1);
  });

  it('puts a straggler into the oldest open second, so no second is written twice', () => {
    let now = T0 + 5000;
    const queue = new BucketQueue();
    const sink = new K6SampleSink(queue, () => now);
    sink.add(req(T0));
    sink.release();
    expect(queue.take().map((b) => b.t)).toEqual([T0 / 1000]);
    sink.add(req(T0 + 200)); // second T0 was handed on already
    sink.add(req(T0 + 3500));
    now = T0 + 9000;
    sink.finish();
    const later = queue.take();
    expect(later.map((b) => b.t)).toEqual([T0 / 1000 + 3]);
    expect(count(later[0])).toBe(2);
  });

  it('adds the VUs of several k6 processes in each second and keeps the peak', () => {
    const queue = new BucketQueue();
    const sink = new K6SampleSink(queue, () => T0);
    const vus = (timeMs: number, value: number): K6Sample => ({
      metric: 'vus',
      kind: 'gauge',
      timeMs,
      value,
      tags: {},
    });
    sink.add(vus(T0, 2), '0');
    sink.add(vus(T0 + 10, 3), '1');
    sink.add(vus(T0 + 1000, 1), '0');
    sink.finish();
    expect(queue.take().map((b) => b.vus)).toEqual([5, 1]);
    expect(sink.result().peakVus).toBe(5);
  });
});
