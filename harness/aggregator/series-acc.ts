import {
  decodeHistogram,
  encodeHistogram,
  newHistogram,
  recordValue,
  type Histogram,
} from '../../core/hdr/histogram.js';
import type { MetricKind, MetricSeries, Tags } from '../../core/run-dir/run-data.js';
import type { SeriesHandle } from './metric-sink.js';

/** Marks an accumulator as written in the open second (called once per second per series). */
export type Touch = (acc: SeriesAcc) => void;

/** One series' values in the open second; reused across seconds to keep allocation off the hot path. */
export abstract class SeriesAcc implements SeriesHandle {
  abstract readonly kind: MetricKind;
  /** Written since the last flush. */
  dirty = false;

  constructor(
    readonly metric: string,
    readonly tags: Tags,
    protected readonly touch: Touch,
  ) {}

  abstract add(value: number): void;
  /** Folds in a series recorded elsewhere (a worker thread) for the same second: exact. */
  abstract merge(series: MetricSeries): void;
  abstract snapshot(): MetricSeries;
  abstract reset(): void;

  protected mark(): void {
    if (!this.dirty) {
      this.dirty = true;
      this.touch(this);
    }
  }
}

export class TrendAcc extends SeriesAcc {
  readonly kind = 'trend';
  readonly hist: Histogram = newHistogram();
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  add(value: number): void {
    this.mark();
    recordValue(this.hist, value);
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
  merge(series: MetricSeries): void {
    if (series.kind !== 'trend' || series.count === 0) return;
    this.mark();
    this.hist.add(decodeHistogram(series.hist));
    this.count += series.count;
    this.sum += series.sum;
    if (series.min < this.min) this.min = series.min;
    if (series.max > this.max) this.max = series.max;
  }
  snapshot(): MetricSeries {
    const { tags, count, sum, min, max } = this;
    return { kind: 'trend', tags, count, sum, min, max, hist: encodeHistogram(this.hist) };
  }
  reset(): void {
    this.hist.reset();
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }
}

export class CounterAcc extends SeriesAcc {
  readonly kind = 'counter';
  value = 0;
  add(value: number): void {
    this.mark();
    this.value += value;
  }
  merge(series: MetricSeries): void {
    if (series.kind === 'counter') this.add(series.value);
  }
  snapshot(): MetricSeries {
    return { kind: 'counter', tags: this.tags, value: this.value };
  }
  reset(): void {
    this.value = 0;
  }
}

export class RateAcc extends SeriesAcc {
  readonly kind = 'rate';
  passes = 0;
  total = 0;
  add(value: number): void {
    this.mark();
    this.total++;
    if (value !== 0) this.passes++;
  }
  merge(series: MetricSeries): void {
    if (series.kind !== 'rate') return;
    this.mark();
    this.passes += series.passes;
    this.total += series.total;
  }
  snapshot(): MetricSeries {
    return { kind: 'rate', tags: this.tags, passes: this.passes, total: this.total };
  }
  reset(): void {
    this.passes = 0;
    this.total = 0;
  }
}

export class GaugeAcc extends SeriesAcc {
  readonly kind = 'gauge';
  value = 0;
  min = Infinity;
  max = -Infinity;
  add(value: number): void {
    this.mark();
    this.value = value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
  merge(series: MetricSeries): void {
    if (series.kind !== 'gauge') return;
    this.mark();
    this.value = series.value;
    if (series.min < this.min) this.min = series.min;
    if (series.max > this.max) this.max = series.max;
  }
  snapshot(): MetricSeries {
    const { tags, value, min, max } = this;
    return { kind: 'gauge', tags, value, min, max };
  }
  reset(): void {
    // A gauge keeps its last value; only its range restarts.
    this.min = this.value;
    this.max = this.value;
  }
}

export function createAcc(metric: string, kind: MetricKind, tags: Tags, touch: Touch): SeriesAcc {
  switch (kind) {
    case 'trend':
      return new TrendAcc(metric, tags, touch);
    case 'counter':
      return new CounterAcc(metric, tags, touch);
    case 'rate':
      return new RateAcc(metric, tags, touch);
    case 'gauge':
      return new GaugeAcc(metric, tags, touch);
  }
}
