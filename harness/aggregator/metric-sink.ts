import type { ClientBucket, MetricKind, Tags } from '../../core/run-dir/run-data.js';

/**
 * One series (metric + tag set) resolved once; `add` is the hot path: a trend records the value,
 * a counter adds it, a rate counts a pass when it is non-zero, a gauge takes it as its value.
 */
export interface SeriesHandle {
  add(value: number): void;
}

/**
 * Where an engine records samples. Engines resolve a `series` once per tag set and keep the
 * handle, so a request costs a few method calls and no map lookups; the by-name methods are
 * for rare samples (checks, custom metrics). A metric keeps its first kind: `series` or a
 * by-name method with another kind throws MetricKindError.
 */
export interface MetricSink {
  series(metric: string, kind: MetricKind, tags: Tags): SeriesHandle;
  trend(metric: string, tags: Tags, value: number): void;
  counter(metric: string, tags: Tags, increment: number): void;
  rate(metric: string, tags: Tags, pass: boolean): void;
  gauge(metric: string, tags: Tags, value: number): void;
  /**
   * Virtual users now: `active` are in an iteration (closed model: looping), `allocated` exist
   * (k6's vus_max: an open model's pool, busy or idle). A second records the most active VUs
   * seen in it, so an open model's short iterations still show.
   */
  vus(active: number, allocated?: number): void;
  /**
   * Folds in a second recorded by another sink (a worker thread), when the sink can. A series
   * whose metric this sink knows under another kind throws MetricKindError (after the rest).
   */
  merge?(bucket: ClientBucket): void;
}

export const EMPTY_TAGS: Tags = Object.freeze({});

const nullHandle: SeriesHandle = { add() {} };

/** Discards everything: used for warm-up traffic. */
export const nullSink: MetricSink = {
  series: () => nullHandle,
  trend() {},
  counter() {},
  rate() {},
  gauge() {},
  vus() {},
};
