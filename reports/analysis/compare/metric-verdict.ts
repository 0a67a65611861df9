import type { MetricVerdict } from './comparison.js';

export interface VerdictInput {
  change: number;
  low: number;
  high: number;
  confidence: number;
  pAdjusted: number;
  alpha: number;
  threshold: number;
  better: 'lower' | 'higher';
  judged: boolean;
}

/**
 * One metric's verdict. A regression (or improvement) must be both real and large enough: its
 * Holm-adjusted p-value at most alpha, and the estimated change worse (better) than the
 * threshold. Unchanged needs the (1 − alpha) interval to lie inside ±threshold: evidence that
 * any change is smaller than the minimum effect, not merely no evidence of one. Anything else
 * is inconclusive: more rounds or longer ones would tell.
 */
export function metricVerdict(v: VerdictInput): MetricVerdict {
  if (!v.judged || ![v.change, v.low, v.high, v.pAdjusted].every(Number.isFinite)) {
    return 'inconclusive';
  }
  const worse = v.better === 'lower' ? v.change : -v.change;
  const significant = v.pAdjusted <= v.alpha;
  if (significant && worse > v.threshold) return 'regression';
  if (significant && -worse > v.threshold) return 'improvement';
  const covers = v.confidence >= 1 - v.alpha - 1e-9;
  if (covers && v.low > -v.threshold && v.high < v.threshold) return 'unchanged';
  return 'inconclusive';
}

/** Any regression decides; else any improvement; else unchanged only if every metric is. */
export function overallVerdict(verdicts: readonly MetricVerdict[]): MetricVerdict {
  if (verdicts.includes('regression')) return 'regression';
  if (verdicts.includes('improvement')) return 'improvement';
  if (verdicts.length > 0 && verdicts.every((v) => v === 'unchanged')) return 'unchanged';
  return 'inconclusive';
}
