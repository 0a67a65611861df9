import { MetricKindError } from '../../core/errors.js';
import { SecondPercentiles } from '../../core/hdr/trend-percentiles.js';
import type { ClientBucket, MetricKind, Tags } from '../../core/run-dir/run-data.js';
import { checkKind } from '../../core/series/fold.js';
import { encodeSecond, type Second, type SecondSeries } from '../../core/series/second.js';
import { EMPTY_TAGS, type MetricSink, type SeriesHandle } from './metric-sink.js';
import { createAcc, type ClosingSeries, type SeriesAcc } from './series-acc.js';
import { tagsKey } from './tags-key.js';

export interface AggregatorOptions {
  /**
   * Compute each second's per-metric percentiles when it closes (default true). A worker
   * thread's seconds are merged again on the main thread, so the worker skips them.
   */
  percentiles?: boolean;
  /**
   * Write the most VUs allocated at once in each second as a `vus_max` gauge (default true). A
   * worker thread leaves it out: the main thread adds the threads' counts up instead.
   */
  vusMax?: boolean;
}

interface MetricEntry {
  kind: MetricKind;
  byTags: Map<string, SeriesAcc>;
}

/**
 * Collects samples into the open second and closes it once per second. Series are resolved
 * once into handles (see MetricSink); only the series written in a second are visited when it
 * closes. A metric keeps the kind it was first recorded with: another kind under its name
 * throws MetricKindError (in a flow, that is a flow error).
 */
export class Aggregator implements MetricSink {
  private readonly byMetric = new Map<string, MetricEntry>();
  private touched: ClosingSeries[] = [];
  private activeVus = 0;
  /** The most VUs busy, and allocated, at once in the open second. */
  private peakVus = 0;
  private allocatedVus: number | undefined;
  private peakAllocatedVus = 0;
  private readonly percentiles: boolean;
  private readonly vusMaxSeries: boolean;
  private readonly touch = (acc: ClosingSeries): void => {
    this.touched.push(acc);
  };

  constructor(options: AggregatorOptions = {}) {
    this.percentiles = options.percentiles ?? true;
    this.vusMaxSeries = options.vusMax ?? true;
  }

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

  vus(active: number, allocated?: number): void {
    this.activeVus = active;
    if (active > this.peakVus) this.peakVus = active;
    if (allocated === undefined) return;
    this.allocatedVus = allocated;
    if (allocated > this.peakAllocatedVus) this.peakAllocatedVus = allocated;
  }

  /** VUs in an iteration now, as last reported. */
  get active(): number {
    return this.activeVus;
  }

  /** VUs allocated now, as last reported (0 before any). */
  get allocated(): number {
    return this.allocatedVus ?? 0;
  }

  /** The most VUs allocated at once in the open second. */
  get allocatedPeak(): number {
    return this.peakAllocatedVus;
  }

  /**
   * Folds in a second another Aggregator encoded (a worker thread's): each histogram is added
   * straight from its encoding, so the merged second equals one recorded in a single thread.
   * A series whose kind conflicts is left out and, after the rest is merged, thrown as
   * MetricKindError.
   */
  merge(bucket: ClientBucket): void {
    let conflict: MetricKindError | undefined;
    for (const [metric, list] of Object.entries(bucket.metrics)) {
      for (const series of list) {
        try {
          this.acc(metric, series.kind, series.tags).merge(series, bucket.t);
        } catch (e) {
          if (!(e instanceof MetricKindError)) throw e;
          conflict ??= e;
        }
      }
    }
    if (conflict) throw conflict;
  }

  /**
   * Closes the open second as unix second `t`, decoded. What it hands out is the series' own
   * state, valid until they are next written: read it, encode it or fold it into something of
   * your own before control returns to the event loop (samples and worker seconds arrive there).
   */
  close(t: number): Second {
    // Every second that had VUs allocated says how many (the most at once in it), changed or not.
    if (this.vusMaxSeries && this.peakAllocatedVus > 0) {
      this.acc('vus_max', 'gauge', EMPTY_TAGS).add(this.peakAllocatedVus);
    }
    this.peakAllocatedVus = this.allocatedVus ?? 0;
    const metrics: Record<string, SecondSeries[]> = {};
    const touched = this.touched;
    this.touched = [];
    // Per-second percentiles over all tags, so a day-long timeline needs no decoding.
    const percentiles = this.percentiles ? new SecondPercentiles() : undefined;
    for (const acc of touched) {
      const merged = acc.close();
      (metrics[acc.metric] ??= []).push({ tags: acc.tags, merged });
      if (percentiles && merged.kind === 'trend') {
        percentiles.add(acc.metric, merged.histogram, merged.count, merged.max);
      }
    }
    const p = percentiles?.result();
    const vus = this.peakVus;
    this.peakVus = this.activeVus;
    return { t, vus, metrics, ...(p ? { percentiles: p } : {}) };
  }

  /** Closes the open second as unix second `t`, encoded as one line of client.ndjson. */
  flush(t: number): ClientBucket {
    return encodeSecond(this.close(t));
  }

  /** The accumulator of a series; the first kind recorded for a metric is the one it keeps. */
  private acc(metric: string, kind: MetricKind, tags: Tags): SeriesAcc {
    let entry = this.byMetric.get(metric);
    if (entry === undefined) this.byMetric.set(metric, (entry = { kind, byTags: new Map() }));
    else checkKind(metric, entry.kind, kind);
    const key = tagsKey(tags);
    let acc = entry.byTags.get(key);
    if (acc === undefined) {
      acc = createAcc(metric, kind, tags, this.touch);
      entry.byTags.set(key, acc);
    }
    return acc;
  }
}
