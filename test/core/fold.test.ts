import { describe, expect, it } from 'vitest';
import { MetricKindError } from '../../core/errors.js';
import { exitCodeFor } from '../../core/exit-codes.js';
import { percentile } from '../../core/hdr/histogram.js';
import type { ClientBucket, MetricKind, Tags } from '../../core/run-dir/run-data.js';
import { addSeries, combine, mergeMetric, type MergedMetric } from '../../core/series/merge.js';
import { decodeBucket } from '../../core/series/second.js';
import { Aggregator } from '../../harness/aggregator/aggregator.js';

const tags: Tags = Object.freeze({ name: 'api' });

/** Records `value` in `agg` under metric "m" with the kind's own method. */
function record(agg: Aggregator, kind: MetricKind, value: number): void {
  if (kind === 'trend') agg.trend('m', tags, value);
  else if (kind === 'counter') agg.counter('m', tags, value);
  else if (kind === 'rate') agg.rate('m', tags, value !== 0);
  else agg.gauge('m', tags, value);
}

/** What two merges must agree on (a gauge's lastT is bookkeeping; histograms by percentiles). */
function comparable(m: MergedMetric | undefined): unknown {
  if (m === undefined) return undefined;
  if (m.kind === 'gauge') return { kind: m.kind, value: m.value, min: m.min, max: m.max };
  if (m.kind !== 'trend') return m;
  const { count, sum, min, max, histogram } = m;
  const ps = [0, 1, 25, 50, 90, 99, 99.9, 100].map((p) => percentile(histogram, p));
  return { kind: m.kind, count, sum, min, max, total: histogram.totalCount, ps };
}

// Samples per thread of one second; `expected` is the second folded by hand.
const table: { kind: MetricKind; threads: number[][]; expected: unknown }[] = [
  {
    kind: 'trend',
    threads: [
      [0.5, 12.25, 3],
      [7, 1500.5],
      [3, 3, 42],
    ],
    expected: { count: 8, sum: 0.5 + 12.25 + 3 + 7 + 1500.5 + 3 + 3 + 42, min: 0.5, max: 1500.5 },
  },
  { kind: 'counter', threads: [[1, 2], [3], [0.5]], expected: { kind: 'counter', value: 6.5 } },
  {
    kind: 'rate',
    threads: [[1, 0, 1], [0], [1, 1]],
    expected: { kind: 'rate', passes: 4, total: 6 },
  },
  // A gauge keeps the value of the latest sample (the last thread merged), min and max over all.
  {
    kind: 'gauge',
    threads: [[5, 9], [2], [4]],
    expected: { kind: 'gauge', value: 4, min: 2, max: 9 },
  },
];

describe('the one merge of a metric series, by kind', () => {
  it.each(table)(
    '$kind: recording, addSeries, combine and the worker merge agree',
    ({ kind, threads, expected }) => {
      const t = 100;
      const single = new Aggregator();
      const buckets: ClientBucket[] = threads.map((values) => {
        const thread = new Aggregator({ percentiles: false });
        for (const v of values) {
          record(thread, kind, v);
          record(single, kind, v);
        }
        return thread.flush(t);
      });
      const recorded = single.close(t).metrics['m']?.[0]?.merged;
      // Encoded series folded straight from their payload (analysis of a run directory).
      const viaAddSeries = mergeMetric(buckets, 'm');
      // Decoded series folded into one another (windows of live thresholds, endpoint totals).
      const decoded = buckets.map((b) => decodeBucket(b).metrics['m']?.[0]?.merged);
      const viaCombine = decoded
        .slice(1)
        .reduce((a, b) => combine(a as MergedMetric, b as MergedMetric, 'm'), decoded[0]);
      // Worker seconds merged on the main thread.
      const main = new Aggregator();
      for (const b of buckets) main.merge(structuredClone(b));
      const viaWorkers = main.close(t).metrics['m']?.[0]?.merged;

      expect(comparable(viaAddSeries)).toEqual(comparable(recorded));
      expect(comparable(viaCombine)).toEqual(comparable(recorded));
      expect(comparable(viaWorkers)).toEqual(comparable(recorded));
      expect(recorded).toMatchObject(expected as object);
    },
  );

  it('a recorded gauge starts each second from its last value', () => {
    const agg = new Aggregator();
    agg.gauge('g', {}, 5);
    expect(agg.close(1).metrics['g']?.[0]?.merged).toMatchObject({ value: 5, min: 5, max: 5 });
    agg.gauge('g', {}, 7);
    expect(agg.close(2).metrics['g']?.[0]?.merged).toMatchObject({ value: 7, min: 5, max: 7 });
    expect(agg.close(3).metrics['g']).toBeUndefined();
    agg.gauge('g', {}, 6);
    expect(agg.close(4).metrics['g']?.[0]?.merged).toMatchObject({ value: 6, min: 6, max: 7 });
  });

  it('a gauge keeps the value of the latest second, whatever order the seconds come in', () => {
    const gauge = (value: number, min: number, max: number) =>
      ({ kind: 'gauge', tags: {}, value, min, max }) as const;
    let m = addSeries(undefined, gauge(7, 3, 9), 2, 'g');
    m = addSeries(m, gauge(1, 1, 12), 1, 'g');
    expect(m).toEqual({ kind: 'gauge', value: 7, min: 1, max: 12, lastT: 2 });
    const later = addSeries(undefined, gauge(8, 8, 8), 3, 'g');
    expect(combine(m, later, 'g')).toEqual({ kind: 'gauge', value: 8, min: 1, max: 12, lastT: 3 });
  });
});

describe('a metric recorded under two kinds', () => {
  const conflict = { code: 'E_METRIC_KIND', metric: 'm', firstKind: 'counter', secondKind: 'rate' };
  const message = /metric "m" has series of kind counter and rate/;

  it('is one typed error wherever the two kinds meet', () => {
    const counter = { kind: 'counter', tags: {}, value: 1 } as const;
    const rate = { kind: 'rate', tags: {}, passes: 1, total: 1 } as const;
    const attempts: [string, () => unknown][] = [
      ['addSeries', () => addSeries(addSeries(undefined, counter, 1, 'm'), rate, 2, 'm')],
      [
        'combine',
        () =>
          combine(addSeries(undefined, counter, 1, 'm'), addSeries(undefined, rate, 1, 'm'), 'm'),
      ],
      [
        'Aggregator, recording (another tag set, same metric)',
        () => {
          const agg = new Aggregator();
          agg.counter('m', { a: '1' }, 1);
          agg.rate('m', { a: '2' }, true);
        },
      ],
      [
        'Aggregator, handle',
        () => {
          const agg = new Aggregator();
          agg.series('m', 'counter', {});
          agg.series('m', 'rate', {});
        },
      ],
    ];
    for (const [where, attempt] of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (e) {
        caught = e;
      }
      expect(caught, where).toBeInstanceOf(MetricKindError);
      expect(caught, where).toMatchObject(conflict);
      expect((caught as Error).message, where).toMatch(message);
    }
    expect(exitCodeFor('E_METRIC_KIND')).toBe(2);
  });

  it('the worker merge keeps every other series of the second, then throws', () => {
    const main = new Aggregator();
    main.counter('m', {}, 1);
    const worker = new Aggregator({ percentiles: false });
    worker.rate('m', {}, true);
    worker.counter('other', {}, 5);
    expect(() => main.merge(worker.flush(1))).toThrow(MetricKindError);
    const second = main.close(1);
    expect(second.metrics['other']?.[0]?.merged).toEqual({ kind: 'counter', value: 5 });
    expect(second.metrics['m']).toEqual([{ tags: {}, merged: { kind: 'counter', value: 1 } }]);
  });
});
