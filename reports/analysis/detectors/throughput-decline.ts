import { median, sampleRankCorrelation } from 'simple-statistics';
import { spearmanPValue } from '../stats/spearman-significance.js';
import { theilSen } from '../stats/theil-sen.js';
import type { Detector } from './detector.js';
import { isOpenModel, round, span, steadyLoadSeconds } from './run-facts.js';

/**
 * Requests per second falling while the load stays the same: the target degrades over time
 * (a leak, a growing table, fragmentation), which a short test would never show. The trend
 * must beat chance (Spearman's p against time) and be large (a 10 % drop along the fit).
 */
export const throughputDecline: Detector<{
  minSeconds: number;
  minDropPercent: number;
  maxRho: number;
  maxPValue: number;
}> = {
  describes: 'requests per second declining during sustained load',
  defaults: { minSeconds: 20, minDropPercent: 10, maxRho: -0.6, maxPValue: 0.01 },
  detect(input, s) {
    // Under an open model the schedule sets req/s: a decline shows as dropped iterations.
    if (isOpenModel(input)) return [];
    const { vus, reqPerSec, t } = input.timeline;
    const best = steadyLoadSeconds(input);
    if (best.length < s.minSeconds) return [];
    // Skip the first seconds of the plateau: connections and caches warm up there.
    const steady = best.slice(Math.min(5, Math.floor(best.length / 10)));
    const xs = steady.map((i) => t[i] as number);
    const ys = steady.map((i) => reqPerSec[i] as number);
    const fit = theilSen(xs, ys);
    if (!fit) return [];
    const start = median(ys.slice(0, Math.max(3, Math.floor(ys.length / 5))));
    const dropPercent =
      start === 0 ? 0 : ((-fit.slope * (xs[xs.length - 1]! - xs[0]!)) / start) * 100;
    const rho = sampleRankCorrelation(xs, ys);
    const pValue = spearmanPValue(rho, xs.length);
    if (dropPercent < s.minDropPercent || !(rho <= s.maxRho) || !(pValue <= s.maxPValue)) return [];
    return [
      {
        id: 'throughput.declining',
        severity: dropPercent >= 30 ? 'critical' : 'warning',
        title: `Throughput fell ${round(dropPercent, 0)} % at a steady ${vus[steady[0]!]} VUs`,
        evidence: {
          text: `At constant load, req/s went from ~${round(start, 0)} down along a steady slope (${round(fit.slope * 60, 1)} req/s per minute, Spearman ρ ${round(rho)} over ${xs.length} s, p = ${pValue.toPrecision(2)}).`,
          figures: {
            startReqPerSec: round(start, 1),
            dropPercent: round(dropPercent, 1),
            slopePerMinute: round(fit.slope * 60, 2),
            spearmanRho: round(rho, 3),
            pValue: Number(pValue.toPrecision(3)),
          },
          ...span(input, steady),
        },
        cause:
          'The target degrades with time under the same load: memory pressure and GC from a leak, growing data structures, resource exhaustion.',
        fix: 'Look at memory and GC over the same period; run a longer soak and compare heap snapshots.',
        chart: 'throughput',
      },
    ];
  },
};
