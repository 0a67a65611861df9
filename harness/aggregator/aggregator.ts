import {
  encodeHistogram,
  newHistogram,
  recordValue,
  type Histogram,
} from '../../reports/model/histogram.js';
import type { ClientBucket, MetricSeries, Tags } from '../../reports/model/run-data.js';
import type { MetricSink } from './metric-sink.js';
import { tagsKey } from './tags-key.js';

type Acc =
  | {
      kind: 'trend';
      tags: Tags;
      hist: Histogram;
      count: number;
      sum: number;
      min: number;
      max: number;
    }
  | { kind: 'counter'; tags: Tags; value: number }
  | { kind: 'rate'; tags: Tags; passes: number; total: number }
  | { kind: 'gauge'; tags: Tags; value: number; min: number; max: number };

/**
 * Collects samples into the open second and hands out one ClientBucket per `flush`.
 * Series accumulators (and their histograms) are reused across seconds to keep
 * allocation off the request path.
 */
export class Aggregator implements MetricSink {
  private readonly series = new Map<string, Map<string, Acc>>();
  private readonly touched = new Set<Acc>();
  private activeVus = 0;

  trend(metric: string, tags: Tags, value: number): void {
    const acc = this.acc(metric, tags, 'trend');
    if (acc.kind !== 'trend') return;
    recordValue(acc.hist, value);
    acc.count++;
    acc.sum += value;
    if (value < acc.min) acc.min = value;
    if (value > acc.max) acc.max = value;
  }

  counter(metric: string, tags: Tags, increment: number): void {
    const acc = this.acc(metric, tags, 'counter');
    if (acc.kind === 'counter') acc.value += increment;
  }

  rate(metric: string, tags: Tags, pass: boolean): void {
    const acc = this.acc(metric, tags, 'rate');
    if (acc.kind !== 'rate') return;
    acc.total++;
    if (pass) acc.passes++;
  }

  gauge(metric: string, tags: Tags, value: number): void {
    const acc = this.acc(metric, tags, 'gauge');
    if (acc.kind !== 'gauge') return;
    acc.value = value;
    if (value < acc.min) acc.min = value;
    if (value > acc.max) acc.max = value;
  }

  vus(count: number): void {
    this.activeVus = count;
  }

  /** Closes the open second as the bucket starting at unix second `t`, and resets it. */
  flush(t: number): ClientBucket {
    const metrics: Record<string, MetricSeries[]> = {};
    for (const [metric, byTags] of this.series) {
      for (const acc of byTags.values()) {
        if (!this.touched.has(acc)) continue;
        (metrics[metric] ??= []).push(this.snapshot(acc));
        this.reset(acc);
      }
    }
    this.touched.clear();
    return { t, vus: this.activeVus, metrics };
  }

  private acc(metric: string, tags: Tags, kind: Acc['kind']): Acc {
    let byTags = this.series.get(metric);
    if (!byTags) this.series.set(metric, (byTags = new Map()));
    const key = tagsKey(tags);
    let acc = byTags.get(key);
    if (!acc) {
      acc = this.create(kind, tags);
      byTags.set(key, acc);
    }
    this.touched.add(acc);
    return acc;
  }

  private create(kind: Acc['kind'], tags: Tags): Acc {
    switch (kind) {
      case 'trend':
        return {
          kind,
          tags,
          hist: newHistogram(),
          count: 0,
          sum: 0,
          min: Infinity,
          max: -Infinity,
        };
      case 'counter':
        return { kind, tags, value: 0 };
      case 'rate':
        return { kind, tags, passes: 0, total: 0 };
      case 'gauge':
        return { kind, tags, value: 0, min: Infinity, max: -Infinity };
    }
  }

  private snapshot(acc: Acc): MetricSeries {
    switch (acc.kind) {
      case 'trend':
        return {
          kind: 'trend',
          tags: acc.tags,
          count: acc.count,
          sum: acc.sum,
          min: acc.min,
          max: acc.max,
          hist: encodeHistogram(acc.hist),
        };
      case 'counter':
        return { kind: 'counter', tags: acc.tags, value: acc.value };
      case 'rate':
        return { kind: 'rate', tags: acc.tags, passes: acc.passes, total: acc.total };
      case 'gauge':
        return { kind: 'gauge', tags: acc.tags, value: acc.value, min: acc.min, max: acc.max };
    }
  }

  private reset(acc: Acc): void {
    switch (acc.kind) {
      case 'trend':
        acc.hist.reset();
        acc.count = 0;
        acc.sum = 0;
        acc.min = Infinity;
        acc.max = -Infinity;
        return;
      case 'counter':
        acc.value = 0;
        return;
      case 'rate':
        acc.passes = 0;
        acc.total = 0;
        return;
      case 'gauge':
        // A gauge keeps its last value; only its range restarts.
        acc.min = acc.value;
        acc.max = acc.value;
        return;
    }
  }
}
