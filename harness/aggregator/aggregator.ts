import type { ClientBucket, MetricKind, MetricSeries, Tags } from '../../core/run-dir/run-data.js';
import type { MetricSink, SeriesHandle } from './metric-sink.js';
import { SecondPercentiles } from '../../core/hdr/trend-percentiles.js';
import { createAcc, TrendAcc, type SeriesAcc } from './series-acc.js';
import { tagsKey } from './tags-key.js';

/**
 * Collects samples into the open second and hands out one ClientBucket per `flush`.
 * Series are resolved once into handles (see MetricSink); only the series written in a second
 * are visited when it closes.
 */
export class Aggregator implements MetricSink {
  private readonly byMetric = new Map<string, Map<string, SeriesAcc>>();
  private touched: SeriesAcc[] = [];
  private activeVus = 0;
  private readonly touch = (acc: SeriesAcc): void => {
    this.touched.push(acc);
  };

  series(metric: string, kind: MetricKind, tags: Tags): SeriesHandle {
    return this.acc(metric, kind, tags);
  }

  trend(metric: string, tags: Tags, value: number): void {
    this.acc(metric, 'trend', tags).add(value);
  }

  counter(metric: string, tags: Tags, increment: number): void {
    this.acc(metric, 'counter', tags).add(increment);
  }

  rate(metric: string, tags: Tags, pass: boolean): void {
    this.acc(metric, 'rate', tags).add(pass ? 1 : 0);
  }

  gauge(metric: string, tags: Tags, value: number): void {
    this.acc(metric, 'gauge', tags).add(value);
  }

  vus(count: number): void {
    this.activeVus = count;
  }

  /**
   * Folds in a bucket another Aggregator flushed (a worker thread's second): histograms are
   * added exactly, so the merged second equals one recorded in a single thread.
   */
  merge(bucket: ClientBucket): void {
    for (const [metric, list] of Object.entries(bucket.metrics)) {
      for (const series of list) this.acc(metric, series.kind, series.tags).merge(series);
    }
  }

  /** Closes the open second as the bucket starting at unix second `t`, and resets it. */
  flush(t: number): ClientBucket {
    const metrics: Record<string, MetricSeries[]> = {};
    const touched = this.touched;
    this.touched = [];
    // Per-second percentiles over all tags, so a day-long timeline needs no decoding.
    const percentiles = new SecondPercentiles();
    for (const acc of touched) {
      (metrics[acc.metric] ??= []).push(acc.snapshot());
      if (acc instanceof TrendAcc) percentiles.add(acc.metric, acc.hist, acc.count, acc.max);
      acc.reset();
      acc.dirty = false;
    }
    const p = percentiles.result();
    return { t, vus: this.activeVus, metrics, ...(p ? { percentiles: p } : {}) };
  }

  /**
   * The accumulator of a series. A metric keeps the kind it was first recorded with: a
   * sample of another kind under the same name goes to a separate, never-flushed series
   * rather than corrupting it.
   */
  private acc(metric: string, kind: MetricKind, tags: Tags): SeriesAcc {
    let byTags = this.byMetric.get(metric);
    if (!byTags) this.byMetric.set(metric, (byTags = new Map()));
    const key = tagsKey(tags);
    let acc = byTags.get(key);
    if (!acc) {
      acc = createAcc(metric, kind, tags, this.touch);
      byTags.set(key, acc);
    }
    if (acc.kind !== kind) return createAcc(metric, kind, tags, () => undefined);
    return acc;
  }
}
