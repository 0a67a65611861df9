import type { Finding } from '../../model/finding.js';
import type { RunData } from '../../../core/run-dir/run-data.js';
import type { Summary } from '../summary.js';
import type { Timeline } from '../timeline.js';

/** What every detector reads: the run, and the figures analysis already derived from it. */
export interface DetectorInput {
  run: RunData;
  summary: Summary;
  timeline: Timeline;
}

/**
 * A red-flag detector: a pure function of run data, with its limits as named numbers that a
 * scenario may override (`detectors: { 'latency.p99-tail': { warnRatio: 2.5 } }`).
 */
export interface Detector<S extends Record<string, number> = Record<string, number>> {
  /** What it looks for, in a few words (for the detector table and the matrix). */
  readonly describes: string;
  readonly defaults: S;
  detect(input: DetectorInput, settings: S): Finding[];
}

/** Scenario-level overrides: a detector's settings, or false to turn it off. */
export type { DetectorOverrides } from '../../../scenarios/scenario.js';
