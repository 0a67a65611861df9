import type { Tags } from '../../reports/model/run-data.js';

/**
 * Where an engine records samples. Engines reuse tag objects for repeated tag sets:
 * the sink keys series by object identity first, so the hot path avoids string building.
 */
export interface MetricSink {
  trend(metric: string, tags: Tags, value: number): void;
  counter(metric: string, tags: Tags, increment: number): void;
  rate(metric: string, tags: Tags, pass: boolean): void;
  gauge(metric: string, tags: Tags, value: number): void;
  /** Active virtual users now. */
  vus(count: number): void;
}

export const EMPTY_TAGS: Tags = Object.freeze({});

/** Discards everything: used for warm-up traffic. */
export const nullSink: MetricSink = {
  trend() {},
  counter() {},
  rate() {},
  gauge() {},
  vus() {},
};
