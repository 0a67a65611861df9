import type { LagCorrelation } from '../analysis/correlation/correlation.js';
import type { CorrelationAnalysis } from '../analysis/correlation/run-correlation.js';
import {
  MIN_CORRELATION_SECONDS,
  SIGNIFICANCE,
  significant,
} from '../analysis/correlation/server-correlation.js';

/** The report's correlation section as display strings: pure, so it is tested with the rest. */
export interface CorrelationTable {
  rows: {
    series: string;
    source: string;
    against: string;
    pearson: string;
    spearman: string;
    lag: string;
    n: string;
    /** Spearman's p-value, autocorrelation and the lag search accounted for. */
    p: string;
  }[];
  /** What was tested and what beat chance, in one sentence. */
  tested: string;
  gcSpikes: string;
  concurrency: string;
}

const coef = (r: number | null): string => (r === null ? '-' : r.toFixed(2));

/** `0.003`, `< 0.001`. */
export function pText(p: number | undefined): string {
  if (p === undefined) return '-';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** "+2 s (server leads)", "0 s", "-1 s (latency leads)". */
export function lagText(lagSec: number): string {
  if (lagSec === 0) return '0 s';
  return lagSec > 0 ? `+${lagSec} s (server leads)` : `${lagSec} s (latency leads)`;
}

export function correlationTable(analysis: CorrelationAnalysis | undefined): CorrelationTable {
  const rows: CorrelationTable['rows'] = [];
  for (const s of analysis?.strongest ?? []) {
    for (const [against, c] of [
      ['p99', s.p99],
      ['p50', s.p50],
    ] as [string, LagCorrelation | undefined][]) {
      if (!c || !significant(c)) continue;
      rows.push({
        series: s.label,
        source: s.source,
        against,
        pearson: coef(c.pearson),
        spearman: coef(c.spearman),
        lag: lagText(c.lagSec) + (s.sharedTrend ? ' · shared trend' : ''),
        n:
          c.effectiveN !== undefined && c.effectiveN < c.n
            ? `${c.n} (≈ ${c.effectiveN} independent)`
            : String(c.n),
        p: pText(c.pValue),
      });
    }
  }
  const gc = analysis?.gcSpikes;
  const fit = analysis?.latencyVsConcurrency.p99 ?? analysis?.latencyVsConcurrency.p50;
  const against = analysis?.latencyVsConcurrency.p99 ? 'p99' : 'p50';
  const measured = (analysis?.series ?? []).filter((x) => x.p99 || x.p50);
  const seconds = analysis?.latencySeconds ?? 0;
  const movers = new Set(rows.map((r) => r.series)).size;
  const tested =
    measured.length === 0
      ? `No server series could be set against client latency: that needs ${MIN_CORRELATION_SECONDS} s or more of both, and both varying.`
      : movers === 0
        ? `None of the ${measured.length} server series tested over ${seconds} s moved with latency beyond chance (p ≤ ${SIGNIFICANCE}).`
        : `${movers} of the ${measured.length} server series tested over ${seconds} s moved with latency beyond chance (p ≤ ${SIGNIFICANCE}).`;
  return {
    rows,
    tested,
    gcSpikes: !gc
      ? ''
      : gc.spikeSeconds === 0
        ? `No latency-spike seconds (p99 above ${gc.spikeThresholdMs.toFixed(1)} ms) to set against GC pauses (${gc.gcSeconds} of ${gc.seconds} seconds had a pause of ${gc.minPauseMs} ms or more).`
        : `${gc.spikesWithGc} of ${gc.spikeSeconds} latency-spike seconds (p99 > ${gc.spikeThresholdMs.toFixed(1)} ms) had a GC pause of ${gc.minPauseMs} ms or more within ${gc.toleranceSec} s; chance alone would give ${gc.expectedByChance.toFixed(1)} (${gc.gcSeconds} of ${gc.seconds} seconds had one).`,
    concurrency: fit
      ? `${against} latency vs concurrency (active VUs): ${fit.slopeMsPerConcurrent.toFixed(2)} ms per extra VU, r² ${fit.r2.toFixed(2)} over ${fit.n} s and ${fit.levels} levels${fit.queueing ? ': latency climbs in step with concurrency, the signature of a queue.' : '.'}`
      : '',
  };
}
