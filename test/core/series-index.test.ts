import { describe, expect, it } from 'vitest';
import { percentile } from '../../core/hdr/histogram.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';
import {
  mergeMetric,
  mergeMetricBy,
  metricNames,
  type MergedMetric,
} from '../../core/series/merge.js';
import { SeriesIndex } from '../../core/series/series-index.js';
import { exactJson } from '../../bench/exact-json.js';
import { mixedRun } from '../fixtures/runs/mixed-run.js';
import { trendSeries } from '../reports/fixtures/run-data-builder.js';

const PERCENTILES = [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

/** Every figure of a merged metric, and its histogram as counts and percentiles. */
function figures(m: MergedMetric | undefined): string {
  if (m?.kind !== 'trend') return exactJson(m);
  const { histogram, ...rest } = m;
  const curve = PERCENTILES.map((p) => percentile(histogram, p));
  return exactJson({ ...rest, total: histogram.totalCount, curve });
}

describe('SeriesIndex', () => {
  const buckets = mixedRun(240).client;
  const index = new SeriesIndex(buckets);

  it('lists the metric names the buckets hold, sorted', () => {
    expect(index.metricNames()).toEqual(metricNames(buckets));
  });

  it.each([
    {},
    { name: 'home' },
    { status: '500' },
    { name: 'login', status: '401' },
    { name: 'nowhere' },
    { step: 'pay' },
    { pool: 'b' },
    { check: 'body ok' },
  ])('merges what mergeMetric merges, bit for bit, for selector %j', (selector) => {
    for (const metric of [...metricNames(buckets), 'not_recorded']) {
      expect(figures(index.merge(metric, selector))).toBe(
        figures(mergeMetric(buckets, metric, selector)),
      );
    }
  });

  it('splits what mergeMetricBy splits, in the same key order', () => {
    const byStatus = (tags: Readonly<Record<string, string>>) => tags['status'] ?? '-';
    for (const metric of metricNames(buckets)) {
      const viaIndex = [...index.mergeBy(metric, byStatus)].map(([k, m]) => [k, figures(m)]);
      const direct = [...mergeMetricBy(buckets, metric, byStatus)].map(([k, m]) => [k, figures(m)]);
      expect(viaIndex).toEqual(direct);
    }
  });

  it('refuses a metric recorded under two kinds, as mergeMetric does', () => {
    const mixed: ClientBucket[] = [
      { t: 1, vus: 1, metrics: { m: [trendSeries([1, 2], { a: 'x' })] } },
      { t: 2, vus: 1, metrics: { m: [{ kind: 'counter', tags: { a: 'y' }, value: 1 }] } },
    ];
    const expected = (() => {
      try {
        mergeMetric(mixed, 'm');
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    })();
    expect(expected).toMatch(/kind trend and counter/);
    expect(() => new SeriesIndex(mixed).merge('m')).toThrow(expected);
    expect(new SeriesIndex(mixed).merge('m', { a: 'y' })).toEqual({ kind: 'counter', value: 1 });
  });

  it('gives each merge its own histogram: merging again does not double the counts', () => {
    const first = index.merge('http_req_duration');
    const again = index.merge('http_req_duration');
    expect(first?.kind === 'trend' && first.histogram).not.toBe(
      again?.kind === 'trend' && again.histogram,
    );
    expect(figures(again)).toBe(figures(first));
  });
});
