import type { MetricDef, MetricInfo } from './compare-metrics.js';
import type { MannWhitneyResult } from './mann-whitney.js';
import type { ShiftEstimate } from './hodges-lehmann.js';
import type { WelchResult } from './welch.js';
import type { BootstrapInterval } from './bootstrap-differences.js';

export type MetricVerdict = 'regression' | 'improvement' | 'unchanged' | 'inconclusive';

/**
 * How a comparison decided. `rank`: several runs per side, each run's figure one sample,
 * Mann–Whitney U and the Hodges–Lehmann shift (benchstat's method). `bootstrap`: a block
 * bootstrap over the steady seconds, runs resampled too when a side has several.
 */
export type CompareMethod = 'rank' | 'bootstrap';

export interface CompareSettings {
  alpha: number;
  /** Relative, 0.05 = 5 %. */
  minEffect: number;
  resamples: number;
  seed: number;
}

export interface MetricComparison extends MetricDef, MetricInfo {
  /** Pooled figure of each side (bootstrap), or the median of its runs' figures (rank). */
  base: number;
  candidate: number;
  /** Candidate − base: the pooled difference, or the Hodges–Lehmann shift. */
  change: number;
  /** change / |base|; null when the base is 0. */
  relative: number | null;
  /** The interval of `change` at `confidence`. */
  low: number;
  high: number;
  confidence: number;
  p: number;
  /** Holm-adjusted over every judged metric. */
  pAdjusted: number;
  /** The smallest change that counts here: max(minEffect × |base|, the metric's floor). */
  threshold: number;
  /** Extremes under a bootstrap, and figures with no value on a side, are shown, not judged. */
  judged: boolean;
  verdict: MetricVerdict;
  /** Each run's own figure, base then candidate, in run order. */
  runs: { base: number[]; candidate: number[] };
  /** The rank test and shift over the runs' figures, whenever both sides have two runs or more. */
  rank?: { test: MannWhitneyResult | undefined; shift: ShiftEstimate | undefined };
  /**
   * Welch's t-test over the runs' figures, when the bootstrap decides with 2 or more runs a
   * side: `p` and the interval above already take it in (the larger p, the wider interval).
   */
  welch?: WelchResult;
  /** The bootstrap's own interval and p, beside Welch's, when both were taken in. */
  bootstrap?: BootstrapInterval;
  note?: string;
}

export interface SideSummary {
  runs: {
    id: string;
    startedAt: string;
    status: string;
    commit?: string;
    branch?: string;
    dirty?: boolean;
    steadySeconds: number;
    steadySource: 'hold' | 'loaded';
  }[];
  scenario: string;
  target: string;
}

export interface Comparison {
  verdict: MetricVerdict;
  method: CompareMethod;
  settings: CompareSettings;
  /** Seconds per block of the bootstrap (block-length.ts). */
  blockLengthSec: number;
  base: SideSummary;
  candidate: SideSummary;
  metrics: MetricComparison[];
  /** Endpoints seen on one side only: listed, not compared. */
  onlyIn: { base: string[]; candidate: string[] };
  warnings: string[];
  /** One sentence each on how the verdict was reached, for every output to print. */
  methodNotes: string[];
}
