import type {
  CompareMethod,
  Comparison,
  MetricComparison,
  MetricVerdict,
  SideSummary,
} from '../../analysis/compare/comparison.js';
import type { MetricStat, MetricUnit } from '../../analysis/compare/compare-metrics.js';

export const COMPARE_SCHEMA_VERSION = 1;

/**
 * compare.json, documented in docs/compare-format.md. Stable within a schema version: fields
 * are only ever added; a figure that does not exist is null, never missing or NaN. Changes
 * and intervals are candidate − base in the metric's unit (`relative` divides by the base).
 */
export interface CompareJson {
  schemaVersion: typeof COMPARE_SCHEMA_VERSION;
  kind: 'loadrig.compare';
  verdict: MetricVerdict;
  method: CompareMethod;
  settings: {
    alpha: number;
    minEffect: number;
    resamples: number;
    seed: number;
    blockLengthSec: number;
  };
  base: SideSummary;
  candidate: SideSummary;
  metrics: CompareJsonMetric[];
  onlyIn: { base: string[]; candidate: string[] };
  warnings: string[];
  methodNotes: string[];
}

export interface CompareJsonMetric {
  stat: MetricStat;
  label: string;
  unit: MetricUnit;
  better: 'lower' | 'higher';
  endpoint: { name: string; method: string } | null;
  series: string | null;
  base: number | null;
  candidate: number | null;
  change: number | null;
  relative: number | null;
  interval: { low: number | null; high: number | null; confidence: number };
  p: number | null;
  pAdjusted: number | null;
  threshold: number;
  judged: boolean;
  verdict: MetricVerdict;
  note: string | null;
  runs: { base: (number | null)[]; candidate: (number | null)[] };
  rankTest: {
    u: number;
    p: number;
    method: 'exact' | 'normal';
    shift: number | null;
    low: number | null;
    high: number | null;
    confidence: number | null;
  } | null;
  /** Bootstrap with 2 or more runs a side: Welch's t over the runs' figures, taken in with it. */
  welchTest: {
    t: number | null;
    df: number | null;
    p: number;
    difference: number;
    low: number;
    high: number;
  } | null;
  /** The bootstrap's own interval and p when Welch's were taken in beside them. */
  bootstrap: { low: number | null; high: number | null; p: number | null } | null;
}

const num = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : v;

export function toCompareJson(c: Comparison): CompareJson {
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    kind: 'loadrig.compare',
    verdict: c.verdict,
    method: c.method,
    settings: { ...c.settings, blockLengthSec: c.blockLengthSec },
    base: c.base,
    candidate: c.candidate,
    metrics: c.metrics.map(metricJson),
    onlyIn: c.onlyIn,
    warnings: c.warnings,
    methodNotes: c.methodNotes,
  };
}

function metricJson(m: MetricComparison): CompareJsonMetric {
  const test = m.rank?.test;
  const shift = m.rank?.shift;
  return {
    stat: m.stat,
    label: m.label,
    unit: m.unit,
    better: m.better,
    endpoint: m.endpoint ? { name: m.endpoint.name, method: m.endpoint.method } : null,
    series: m.series ?? null,
    base: num(m.base),
    candidate: num(m.candidate),
    change: num(m.change),
    relative: num(m.relative),
    interval: { low: num(m.low), high: num(m.high), confidence: m.confidence },
    p: num(m.p),
    pAdjusted: num(m.pAdjusted),
    threshold: m.threshold,
    judged: m.judged,
    verdict: m.verdict,
    note: m.note ?? null,
    runs: { base: m.runs.base.map(num), candidate: m.runs.candidate.map(num) },
    rankTest: test
      ? {
          u: test.u,
          p: test.p,
          method: test.method,
          shift: num(shift?.shift),
          low: num(shift?.low),
          high: num(shift?.high),
          confidence: num(shift?.confidence),
        }
      : null,
    welchTest: m.welch
      ? {
          t: num(m.welch.t),
          df: num(m.welch.df),
          p: m.welch.p,
          difference: m.welch.difference,
          low: m.welch.low,
          high: m.welch.high,
        }
      : null,
    bootstrap: m.bootstrap
      ? { low: num(m.bootstrap.low), high: num(m.bootstrap.high), p: num(m.bootstrap.p) }
      : null,
  };
}

export function renderCompareJson(c: Comparison): string {
  return JSON.stringify(toCompareJson(c), null, 2) + '\n';
}
