import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';

/** Samples one metric source at a fixed interval; never knows which engine drives the load. */
export interface Collector {
  /** The series this collector fills, announced before the first sample. */
  readonly series: ServerSeriesInfo[];
  /** Values keyed by series id; a series missing from the result is a gap, kept as a gap. */
  sample(nowMs: number): Promise<Record<string, number>>;
  close?(): Promise<void>;
}
