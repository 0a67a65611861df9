import type { MetricKind, MetricSeries, Tags } from '../../core/run-dir/run-data.js';
import {
  foldInto,
  recordCounter,
  recordGauge,
  recordRate,
  recordTrend,
} from '../../core/series/fold.js';
import { emptyMerged, type MergedMetric, type MergedOf } from '../../core/series/merged-metric.js';
import type { SeriesHandle } from './metric-sink.js';

/** What the aggregator sees of a series when its second closes. */
export interface ClosingSeries {
  readonly metric: string;
  readonly tags: Tags;
  close(): MergedMetric;
}

/** Marks an accumulator as written in the open second (called once per second per series). */
export type Touch = (acc: ClosingSeries) => void;

/**
 * One series' values in the open second. It holds two states and swaps them when the second
 * closes: the state handed out stays intact until the next close, so whoever reads a closed
 * second (thresholds, progress, the store) needs no copy, and recording allocates nothing.
 * The rules of each kind live in core/series/fold.ts.
 */
export abstract class SeriesAcc<K extends MetricKind = MetricKind>
  implements SeriesHandle, ClosingSeries
{
  /** Written since the last close. */
  dirty = false;
  protected open: MergedOf<K>;
  private closed: MergedOf<K>;

  constructor(
    readonly metric: string,
    readonly kind: K,
    readonly tags: Tags,
    private readonly touch: Touch,
  ) {
    this.open = emptyMerged(kind);
    this.closed = emptyMerged(kind);
  }

  abstract add(value: number): void;

  /** Folds in a series recorded elsewhere (a worker thread) for second `t`: exact. */
  merge(series: MetricSeries, t: number): void {
    this.mark();
    foldInto(this.open, series, t, this.metric);
  }

  /** Hands out the open second (valid until the next close) and starts the next one. */
  close(): MergedOf<K> {
    const out = this.open;
    this.open = this.closed;
    this.closed = out;
    this.restart(this.open, out);
    this.dirty = false;
    return out;
  }

  /** Empties `next` for a new second; `prev` is the second just closed. */
  protected abstract restart(next: MergedOf<K>, prev: MergedOf<K>): void;

  protected mark(): void {
    if (!this.dirty) {
      this.dirty = true;
      this.touch(this);
    }
  }
}

export class TrendAcc extends SeriesAcc<'trend'> {
  add(value: number): void {
    this.mark();
    recordTrend(this.open, value);
  }
  override merge(series: MetricSeries, t: number): void {
    // An empty trend adds nothing, and must not make the series appear in the second.
    if (series.kind === 'trend' && series.count === 0) return;
    super.merge(series, t);
  }
  protected restart(next: MergedOf<'trend'>): void {
    next.histogram.reset();
    next.count = 0;
    next.sum = 0;
    next.min = Infinity;
    next.max = -Infinity;
  }
}

export class CounterAcc extends SeriesAcc<'counter'> {
  add(value: number): void {
    this.mark();
    recordCounter(this.open, value);
  }
  protected restart(next: MergedOf<'counter'>): void {
    next.value = 0;
  }
}

export class RateAcc extends SeriesAcc<'rate'> {
  add(value: number): void {
    this.mark();
    recordRate(this.open, value);
  }
  protected restart(next: MergedOf<'rate'>): void {
    next.passes = 0;
    next.total = 0;
  }
}

export class GaugeAcc extends SeriesAcc<'gauge'> {
  add(value: number): void {
    this.mark();
    recordGauge(this.open, value);
  }
  protected restart(next: MergedOf<'gauge'>, prev: MergedOf<'gauge'>): void {
    // A gauge keeps its last value; only its range restarts.
    next.value = prev.value;
    next.min = prev.value;
    next.max = prev.value;
    next.lastT = prev.lastT;
  }
}

export function createAcc(metric: string, kind: MetricKind, tags: Tags, touch: Touch): SeriesAcc {
  switch (kind) {
    case 'trend':
      return new TrendAcc(metric, kind, tags, touch);
    case 'counter':
      return new CounterAcc(metric, kind, tags, touch);
    case 'rate':
      return new RateAcc(metric, kind, tags, touch);
    case 'gauge':
      return new GaugeAcc(metric, kind, tags, touch);
  }
}
