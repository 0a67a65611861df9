import { newHistogram, type Histogram } from '../hdr/histogram.js';
import type { MetricKind } from '../run-dir/run-data.js';

/** A metric's series folded together, in the metric's own unit. */
export interface MergedTrend {
  kind: 'trend';
  count: number;
  sum: number;
  min: number;
  max: number;
  histogram: Histogram;
}
export interface MergedCounter {
  kind: 'counter';
  value: number;
}
export interface MergedRate {
  kind: 'rate';
  passes: number;
  total: number;
}
/** `value` is the value of the latest second (by bucket `t`) that reported the gauge. */
export interface MergedGauge {
  kind: 'gauge';
  value: number;
  min: number;
  max: number;
  lastT: number;
}
export type MergedMetric = MergedTrend | MergedCounter | MergedRate | MergedGauge;

/** A merged metric of one kind, picked from the union by its `kind`. */
export type MergedOf<K extends MetricKind> = Extract<MergedMetric, { kind: K }>;

/** A merged metric with nothing in it yet. */
export function emptyMerged<K extends MetricKind>(kind: K): MergedOf<K>;
export function emptyMerged(kind: MetricKind): MergedMetric {
  switch (kind) {
    case 'trend':
      return {
        kind: 'trend',
        count: 0,
        sum: 0,
        min: Infinity,
        max: -Infinity,
        histogram: newHistogram(),
      };
    case 'counter':
      return { kind: 'counter', value: 0 };
    case 'rate':
      return { kind: 'rate', passes: 0, total: 0 };
    case 'gauge':
      return { kind: 'gauge', value: 0, min: Infinity, max: -Infinity, lastT: -Infinity };
  }
}
