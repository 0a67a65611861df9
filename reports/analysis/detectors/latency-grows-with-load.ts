import { median, sampleRankCorrelation } from 'simple-statistics';
import { formatMs } from '../../render/format.js';
import { presentPairs } from '../stats/pairs.js';
import { spearmanPValue } from '../stats/spearman-significance.js';
import { theilSen } from '../stats/theil-sen.js';
import type { Detector } from './detector.js';
import { mattersMs } from './latency-budget.js';
import { isOpenModel, round, span } from './run-facts.js';

/**
 * Latency that climbs with load is the signature of queueing: a pool, a lock or a single core
 * that every request waits for. Load is the VU count (closed model) or the arrival rate (open).
 * Each second's p95 must rest on enough requests to be a p95 (not that second's slowest), the
 * rank correlation must beat chance, and the loaded p95 must matter: against the thresholds
 * where the scenario has them, an absolute floor otherwise.
 */
export const latencyGrowsWithLoad: Detector<{
  minRho: number;
  maxPValue: number;
  minGrowth: number;
  minIncreaseMs: number;
  minSeconds: number;
  minLoadSpread: number;
  minRequestsPerSecond: number;
  minHighP95Ms: number;
  budgetShare: number;
  criticalP95Ms: number;
}> = {
  describes: 'latency grows with load (queueing: pool exhaustion, a lock, one saturated core)',
  defaults: {
    minRho: 0.7,
    maxPValue: 0.01,
    minGrowth: 1.5,
    minIncreaseMs: 5,
    minSeconds: 10,
    minLoadSpread: 2,
    minRequestsPerSecond: 20,
    minHighP95Ms: 20,
    budgetShare: 0.5,
    criticalP95Ms: 200,
  },
  detect(input, s) {
    const open = isOpenModel(input);
    const { reqPerSec } = input.timeline;
    const load = open ? reqPerSec : input.timeline.vus;
    // A second with a handful of requests has a "p95" that is its slowest request.
    const p95 = input.timeline.p95.map((v, i) =>
      (reqPerSec[i] ?? 0) >= s.minRequestsPerSecond ? v : null,
    );
    const { x, y, index } = presentPairs(load, p95);
    const keep = x.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
    const xs = keep.map((i) => x[i] as number);
    const ys = keep.map((i) => y[i] as number);
    if (xs.length < s.minSeconds) return [];
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    if (lo <= 0 || hi / lo < s.minLoadSpread) return [];
    const rho = sampleRankCorrelation(xs, ys);
    const pValue = spearmanPValue(rho, xs.length);
    const sorted = [...xs].sort((a, b) => a - b);
    const q1 = sorted[Math.floor(sorted.length / 4)] as number;
    const q3 = sorted[Math.floor((sorted.length * 3) / 4)] as number;
    const low = ys.filter((_, i) => (xs[i] as number) <= q1);
    const high = ys.filter((_, i) => (xs[i] as number) >= q3);
    if (low.length === 0 || high.length === 0) return [];
    const [lowP95, highP95] = [median(low), median(high)];
    if (
      !(rho >= s.minRho) ||
      !(pValue <= s.maxPValue) ||
      highP95 < lowP95 * s.minGrowth ||
      highP95 - lowP95 < s.minIncreaseMs
    )
      return [];
    const size = mattersMs(input, highP95, 95, s.minHighP95Ms, s.budgetShare);
    if (!size.matters) return [];
    const large =
      size.budgetMs === undefined ? highP95 >= s.criticalP95Ms : highP95 >= size.budgetMs;
    const fit = theilSen(xs, ys);
    const unit = open ? 'req/s' : 'VU';
    return [
      {
        id: 'latency.grows-with-load',
        severity: highP95 >= lowP95 * 3 && large ? 'critical' : 'warning',
        title: `p95 latency climbs with load: ${formatMs(lowP95)} at ≤ ${round(q1, 0)} ${unit} → ${formatMs(highP95)} at ≥ ${round(q3, 0)} ${unit}`,
        evidence: {
          text: `Per-second p95 rises with ${open ? 'the arrival rate' : 'the VU count'} (Spearman ρ = ${round(rho)} over ${xs.length} s, p = ${pValue.toPrecision(2)}), about ${formatMs(fit?.slope ?? 0)} more per ${unit}.${size.budgetMs === undefined ? '' : ` The thresholds allow ${formatMs(size.budgetMs)}.`}`,
          figures: {
            spearmanRho: round(rho, 3),
            pValue: Number(pValue.toPrecision(3)),
            seconds: xs.length,
            lowLoadP95Ms: round(lowP95, 3),
            highLoadP95Ms: round(highP95, 3),
            msPerLoadUnit: round(fit?.slope ?? 0, 4),
            ...(size.budgetMs !== undefined ? { budgetMs: size.budgetMs } : {}),
          },
          ...span(
            input,
            keep.map((i) => index[i] as number),
          ),
        },
        cause:
          'Requests queue for something with fixed capacity: a connection pool, a lock, a worker pool, or a single saturated core.',
        fix: "Find the resource whose wait grows with load (pool 'waiting' counts, event-loop delay, CPU) and size it, or shed load before the queue.",
        chart: 'latency',
      },
    ];
  },
};
