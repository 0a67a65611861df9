import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { decodeHistogram, mergeEncoded, percentile } from '../../../core/hdr/histogram.js';
import type { TrendSeries } from '../../../core/run-dir/run-data.js';

const login = Object.freeze({ name: 'login', method: 'POST', status: '200' });
const home = Object.freeze({ name: 'home', method: 'GET', status: '200' });

describe('Aggregator', () => {
  it('reports percentiles of a known distribution within HDR precision', () => {
    const agg = new Aggregator();
    for (let ms = 1; ms <= 10_000; ms++) agg.trend('http_req_duration', home, ms);
    const bucket = agg.flush(100);
    const series = bucket.metrics['http_req_duration']?.[0] as TrendSeries;
    const h = decodeHistogram(series.hist);
    expect(series.count).toBe(10_000);
    expect(series.sum).toBe((10_000 * 10_001) / 2);
    expect(series.min).toBe(1);
    expect(series.max).toBe(10_000);
    for (const [p, expected] of [
      [50, 5000],
      [95, 9500],
      [99, 9900],
    ] as const) {
      expect(Math.abs(percentile(h, p) - expected) / expected).toBeLessThan(0.001);
    }
  });

  it('splits series by tag set, whatever the property order of equal tag objects', () => {
    const agg = new Aggregator();
    agg.trend('http_req_duration', login, 10);
    agg.trend('http_req_duration', { status: '200', method: 'POST', name: 'login' }, 30);
    agg.trend('http_req_duration', home, 5);
    const series = agg.flush(1).metrics['http_req_duration'] ?? [];
    expect(series).toHaveLength(2);
    const byName = Object.fromEntries(series.map((s) => [s.tags['name'], s as TrendSeries]));
    expect(byName['login']?.count).toBe(2);
    expect(byName['home']?.count).toBe(1);
  });

  it('starts every second empty, and merging seconds equals recording them in one histogram', () => {
    const agg = new Aggregator();
    const encoded: string[] = [];
    for (let second = 0; second < 5; second++) {
      for (let i = 0; i < 200; i++) agg.trend('http_req_duration', home, 1 + second * 200 + i);
      const s = agg.flush(second).metrics['http_req_duration']?.[0] as TrendSeries;
      expect(s.count).toBe(200);
      encoded.push(s.hist);
    }
    const merged = mergeEncoded(encoded);
    for (let i = 1; i <= 1000; i++) agg.trend('http_req_duration', home, i);
    const whole = decodeHistogram(
      (agg.flush(9).metrics['http_req_duration']?.[0] as TrendSeries).hist,
    );
    expect(merged.totalCount).toBe(whole.totalCount);
    for (const p of [1, 25, 50, 90, 99, 99.9, 100])
      expect(percentile(merged, p)).toBe(percentile(whole, p));
  });

  it('keeps counters, rates and gauges per second and leaves quiet series out', () => {
    const agg = new Aggregator();
    agg.counter('http_reqs', home, 1);
    agg.counter('http_reqs', home, 1);
    agg.rate('http_req_failed', home, true);
    agg.rate('http_req_failed', home, false);
    agg.rate('http_req_failed', home, false);
    agg.gauge('queue', home, 7);
    agg.vus(12);
    const first = agg.flush(1);
    expect(first.vus).toBe(12);
    expect(first.metrics['http_reqs']).toEqual([{ kind: 'counter', tags: home, value: 2 }]);
    expect(first.metrics['http_req_failed']).toEqual([
      { kind: 'rate', tags: home, passes: 1, total: 3 },
    ]);
    expect(first.metrics['queue']).toEqual([
      { kind: 'gauge', tags: home, value: 7, min: 7, max: 7 },
    ]);
    agg.counter('http_reqs', login, 1);
    const second = agg.flush(2);
    expect(Object.keys(second.metrics)).toEqual(['http_reqs']);
    expect(second.metrics['http_reqs']).toEqual([{ kind: 'counter', tags: login, value: 1 }]);
  });
});

describe('Aggregator.merge (worker threads)', () => {
  it('merging per-thread seconds equals recording every sample in one thread', () => {
    const tags = Object.freeze({ name: 'api', method: 'GET', status: '200' });
    const threads = [new Aggregator(), new Aggregator(), new Aggregator()];
    const single = new Aggregator();
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 30_000; i++) {
      const ms = 0.2 + random() ** 3 * 2000;
      (threads[i % 3] as Aggregator).trend('http_req_duration', tags, ms);
      single.trend('http_req_duration', tags, ms);
      (threads[i % 3] as Aggregator).counter('http_reqs', tags, 1);
      single.counter('http_reqs', tags, 1);
      (threads[i % 3] as Aggregator).rate('http_req_failed', tags, i % 10 === 0);
      single.rate('http_req_failed', tags, i % 10 === 0);
    }
    const main = new Aggregator();
    for (const t of threads) main.merge(t.flush(5));
    const merged = main.flush(5);
    const whole = single.flush(5);
    const m = merged.metrics['http_req_duration']?.[0] as TrendSeries;
    const w = whole.metrics['http_req_duration']?.[0] as TrendSeries;
    expect([m.count, m.min, m.max]).toEqual([w.count, w.min, w.max]);
    expect(m.sum).toBeCloseTo(w.sum, 6);
    const hm = decodeHistogram(m.hist);
    const hw = decodeHistogram(w.hist);
    expect(hm.totalCount).toBe(hw.totalCount);
    for (const p of [0, 1, 10, 50, 90, 99, 99.9, 99.99, 100]) {
      expect(hm.getValueAtPercentile(p)).toBe(hw.getValueAtPercentile(p));
    }
    expect(merged.metrics['http_reqs']).toEqual(whole.metrics['http_reqs']);
    expect(merged.metrics['http_req_failed']).toEqual(whole.metrics['http_req_failed']);
  });
});
