import { median } from 'simple-statistics';
import type { BootstrapInterval } from './bootstrap-differences.js';
import { METRICS, type MetricDef } from './compare-metrics.js';
import type { CompareMethod, CompareSettings, MetricComparison } from './comparison.js';
import { hodgesLehmann } from './hodges-lehmann.js';
import { mannWhitneyU } from './mann-whitney.js';
import { welchTest } from './welch.js';

export interface RowInput {
  method: CompareMethod;
  settings: CompareSettings;
  baseRuns: number[];
  candidateRuns: number[];
  basePooled: number;
  candidatePooled: number;
  boot: BootstrapInterval | undefined;
  /** Both sides hold enough steady seconds for the bootstrap to mean anything. */
  enoughSeconds: boolean;
}

/** Fewer steady seconds on a side, and resampling them says nothing: one second has no spread. */
export const MIN_SIDE_SECONDS = 5;

/**
 * One metric's figures, change, interval and p-value, by the method chosen; the Holm
 * adjustment and the verdict come after, over every metric.
 */
export function metricRow(
  def: MetricDef,
  input: RowInput,
): Omit<MetricComparison, 'pAdjusted' | 'verdict'> {
  const info = METRICS[def.stat];
  const { settings } = input;
  const finiteRuns = (v: number[]) => v.filter(Number.isFinite);
  const baseRuns = finiteRuns(input.baseRuns);
  const candidateRuns = finiteRuns(input.candidateRuns);
  const rank =
    input.baseRuns.length >= 2 && input.candidateRuns.length >= 2
      ? {
          test: mannWhitneyU(baseRuns, candidateRuns),
          shift: hodgesLehmann(baseRuns, candidateRuns, settings.alpha),
        }
      : undefined;
  const welch =
    input.method === 'bootstrap' && baseRuns.length >= 2 && candidateRuns.length >= 2
      ? welchTest(baseRuns, candidateRuns, settings.alpha)
      : undefined;
  let base: number;
  let candidate: number;
  let change: number;
  let low: number;
  let high: number;
  let confidence = 1 - settings.alpha;
  let p: number;
  let note: string | undefined;
  if (input.method === 'rank') {
    base = baseRuns.length > 0 ? median(baseRuns) : NaN;
    candidate = candidateRuns.length > 0 ? median(candidateRuns) : NaN;
    const shift = rank?.shift;
    change = shift?.shift ?? NaN;
    low = shift?.low ?? NaN;
    high = shift?.high ?? NaN;
    confidence = shift?.confidence ?? confidence;
    // Every run gave the same figure on both sides (no errors anywhere): nothing differs.
    p = rank?.test?.p ?? (baseRuns.length > 0 && candidateRuns.length > 0 ? 1 : NaN);
  } else {
    base = input.basePooled;
    candidate = input.candidatePooled;
    change = candidate - base;
    low = input.boot?.low ?? NaN;
    high = input.boot?.high ?? NaN;
    p = input.boot?.p ?? NaN;
    if (welch) {
      // Both must reject (an intersection–union test: its p is the larger of the two), and the
      // interval is the hull of both, Welch's margins set around the pooled change: resampling
      // 2 or 3 runs understates the spread between them, which Welch's t over the runs' own
      // figures does not.
      p = Math.max(p, welch.p);
      low = Math.min(low, change - (welch.difference - welch.low));
      high = Math.max(high, change + (welch.high - welch.difference));
    }
  }
  let judged = Number.isFinite(base) && Number.isFinite(candidate) && Number.isFinite(p);
  if (!judged) note = 'no value on one side';
  if (judged && input.method === 'bootstrap' && !input.enoughSeconds) {
    judged = false;
    note = `fewer than ${MIN_SIDE_SECONDS} steady seconds on a side: too little to resample`;
  }
  if (judged && info.extreme && input.method === 'bootstrap') {
    judged = false;
    note =
      'a maximum is one extreme second: resampling cannot bound it, so it is shown, not judged';
  }
  return {
    ...def,
    ...info,
    base,
    candidate,
    change,
    relative: base !== 0 && Number.isFinite(base) ? change / Math.abs(base) : null,
    low,
    high,
    confidence,
    p,
    threshold: Math.max(
      settings.minEffect * Math.abs(Number.isFinite(base) ? base : 0),
      info.floor,
    ),
    judged,
    runs: { base: input.baseRuns, candidate: input.candidateRuns },
    ...(rank ? { rank } : {}),
    ...(welch ? { welch } : {}),
    ...(welch && input.boot ? { bootstrap: input.boot } : {}),
    ...(note !== undefined ? { note } : {}),
  };
}
