import { median, sampleRankCorrelation } from 'simple-statistics';
import { formatMs } from '../../render/format.js';
import { presentPairs } from '../stats/pairs.js';
import { theilSen } from '../stats/theil-sen.js';
import type { Detector } from './detector.js';
import { isOpenModel, round, span } from './run-facts.js';

/**
 * Latency that climbs with load is the signature of queueing: a pool, a lock or a single core
 * that every request waits for. Load is the VU count (closed model) or the arrival rate (open).
 */
export const latencyGrowsWithLoad: Detector<{
  minRho: number;
  minGrowth: number;
  minIncreaseMs: number;
  minSeconds: number;
  minLoadSpread: number;
}> = {
  describes: 'latency grows with load (queueing: pool exhaustion, a lock, one saturated core)',
  defaults: { minRho: 0.7, minGrowth: 1.5, minIncreaseMs: 5, minSeconds: 10, minLoadSpread: 2 },
  detect(input, s) {
    const open = isOpenModel(input);
    const load = open ? input.timeline.reqPerSec : input.timeline.vus;
    const { x, y, index } = presentPairs(load, input.timeline.p95);
    const keep = x.map((v, i) => (v > 0 ? i : -1)).filter((i) => i >= 0);
    const xs = keep.map((i) => x[i] as number);
    const ys = keep.map((i) => y[i] as number);
    if (xs.length < s.minSeconds) return [];
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    if (lo <= 0 || hi / lo < s.minLoadSpread) return [];
    const rho = sampleRankCorrelation(xs, ys);
    const sorted = [...xs].sort((a, b) => a - b);
    const q1 = sorted[Math.floor(sorted.length / 4)] as number;
    const q3 = sorted[Math.floor((sorted.length * 3) / 4)] as number;
    const low = ys.filter((_, i) => (xs[i] as number) <= q1);
    const high = ys.filter((_, i) => (xs[i] as number) >= q3);
    if (low.length === 0 || high.length === 0) return [];
    const [lowP95, highP95] = [median(low), median(high)];
    if (!(rho >= s.minRho) || highP95 < lowP95 * s.minGrowth || highP95 - lowP95 < s.minIncreaseMs)
      return [];
    const fit = theilSen(xs, ys);
    const unit = open ? 'req/s' : 'VU';
    return [
      {
        id: 'latency.grows-with-load',
        severity: highP95 >= lowP95 * 3 ? 'critical' : 'warning',
        title: `p95 latency climbs with load: ${formatMs(lowP95)} at ≤ ${round(q1, 0)} ${unit} → ${formatMs(highP95)} at ≥ ${round(q3, 0)} ${unit}`,
        evidence: {
          text: `Per-second p95 rises with ${open ? 'the arrival rate' : 'the VU count'} (Spearman ρ = ${round(rho)}), about ${formatMs(fit?.slope ?? 0)} more per ${unit}.`,
          figures: {
            spearmanRho: round(rho, 3),
            lowLoadP95Ms: round(lowP95, 3),
            highLoadP95Ms: round(highP95, 3),
            msPerLoadUnit: round(fit?.slope ?? 0, 4),
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
