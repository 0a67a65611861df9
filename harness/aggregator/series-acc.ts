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
 * One series' values in the open second, in one state object reused every second (recording
 * allocates nothing, and a series' histogram stays where the cache has it). Closing a second
 * hands that state out as it is; it is emptied when the series is next written, so a closed
 * second can be read (thresholds, progress, the store) with no copy until then. The rules of
 * each kind live in core/series/fold.ts.
 */
export abstract class SeriesAcc<K extends MetricKind = MetricKind>
  implements SeriesHandle, ClosingSeries
{
  /** Written since the last close. */
  dirty = false;
  /** Closed, and not yet emptied for the next second. */
  private handedOut = false;
  protected readonly state: MergedOf<K>;

  constructor(
    readonly metric: string,
    readonly kind: K,
    readonly tags: Tags,
    private readonly touch: Touch,
  ) {
    this.state = emptyMerged(kind);
  }

  abstract add(value: number): void;

  /** Folds in a series recorded elsewhere (a worker thread) for second `t`: exact. */
  merge(series: MetricSeries, t: number): void {
    this.mark();
    foldInto(this.state, series, t, this.metric);
  }

  /** Hands out the second's state: valid until the series is next written. */
  close(): MergedOf<K> {
    this.dirty = false;
    this.handedOut = true;
    return this.state;
  }

  /** Empties the state for a new second (the one closed before has been read by now). */
  protected abstract restart(state: MergedOf<K>): void;

  protected mark(): void {
    if (!this.dirty) {
      if (this.handedOut) {
        this.restart(this.state);
        this.handedOut = false;
      }
      this.dirty = true;
      this.touch(this);
    }
  }
}

export class TrendAcc extends SeriesAcc<'trend'> {
  add(value: number): void {
    this.mark();
    recordTrend(this.state, value);
  }
  override merge(series: MetricSeries, t: number): void {
    // An empty trend adds nothing, and must not make the series appear in the second.
    if (series.kind === 'trend' && series.count === 0) return;
    super.merge(series, t);
  }
  protected restart(state: MergedOf<'trend'>): void {
    state.histogram.reset();
    state.count = 0;
    state.sum = 0;
    state.min = Infinity;
    state.max = -Infinity;
  }
}

export class CounterAcc extends SeriesAcc<'counter'> {
  add(value: number): void {
    this.mark();
    recordCounter(this.state, value);
  }
  protected restart(state: MergedOf<'counter'>): void {
    state.value = 0;
  }
}

export class RateAcc extends SeriesAcc<'rate'> {
  add(value: number): void {
    this.mark();
    recordRate(this.state, value);
  }
  protected restart(state: MergedOf<'rate'>): void {
    state.passes = 0;
    state.total = 0;
  }
}

export class GaugeAcc extends SeriesAcc<'gauge'> {
  add(value: number): void {
    this.mark();
    recordGauge(this.state, value);
  }
  protected restart(state: MergedOf<'gauge'>): void {
    // A gauge keeps its last value; only its range restarts.
    state.min = state.value;
    state.max = state.value;
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
