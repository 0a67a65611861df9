import { formatMs } from '../../render/format.js';
import type { TrendStats } from '../metric-stats.js';
import type { Detector, DetectorInput } from './detector.js';
import { round } from './run-facts.js';

function durations(input: DetectorInput, minRequests: number): TrendStats | undefined {
  const d = input.summary.metrics['http_req_duration'];
  return d?.kind === 'trend' && d.count >= minRequests ? d : undefined;
}

/** p99 far above p95: a slow tail that averages and medians hide. */
export const p99Tail: Detector<{
  warnRatio: number;
  criticalRatio: number;
  minGapMs: number;
  minRequests: number;
}> = {
  describes: 'p99 far above p95 (a long tail: GC pauses, lock contention)',
  defaults: { warnRatio: 2, criticalRatio: 3, minGapMs: 5, minRequests: 200 },
  detect(input, s) {
    const d = durations(input, s.minRequests);
    if (!d || d.p95 <= 0) return [];
    const ratio = d.p99 / d.p95;
    if (ratio <= s.warnRatio || d.p99 - d.p95 < s.minGapMs) return [];
    return [
      {
        id: 'latency.p99-tail',
        severity: ratio > s.criticalRatio ? 'critical' : 'warning',
        title: `p99 is ${round(ratio, 1)}× p95 (${formatMs(d.p99)} vs ${formatMs(d.p95)})`,
        evidence: {
          text: `1 request in 100 took over ${formatMs(d.p99)} while 95 in 100 finished within ${formatMs(d.p95)}, over ${d.count} requests.`,
          figures: { p95Ms: round(d.p95, 3), p99Ms: round(d.p99, 3), ratio: round(ratio) },
        },
        cause:
          'Occasional stalls that hit a few requests hard: GC pauses, lock or pool contention, a blocked event loop.',
        fix: 'Check the GC and event-loop charts for the spike seconds; reduce allocation, tune GC, move blocking work off the request path.',
        chart: 'latency',
      },
    ];
  },
};

/** p95 more than N× the average: most requests fast, a sizeable minority very slow. */
export const p95VsAverage: Detector<{ ratio: number; minGapMs: number; minRequests: number }> = {
  describes: 'p95 more than 5× the average (a bimodal or heavy-tailed latency)',
  defaults: { ratio: 5, minGapMs: 5, minRequests: 200 },
  detect(input, s) {
    const d = durations(input, s.minRequests);
    if (!d || d.avg <= 0) return [];
    const ratio = d.p95 / d.avg;
    if (ratio <= s.ratio || d.p95 - d.avg < s.minGapMs) return [];
    return [
      {
        id: 'latency.p95-vs-average',
        severity: 'warning',
        title: `p95 is ${round(ratio, 1)}× the average (${formatMs(d.p95)} vs ${formatMs(d.avg)})`,
        evidence: {
          text: `The average (${formatMs(d.avg)}) hides a slow group: 1 request in 20 took over ${formatMs(d.p95)}.`,
          figures: { avgMs: round(d.avg, 3), p95Ms: round(d.p95, 3), ratio: round(ratio) },
        },
        cause:
          'Two populations of requests: cache hits and misses, a slow endpoint mixed with fast ones, or queueing behind a shared resource.',
        fix: 'Split the latency by endpoint (the endpoints table) and look at the slow one on its own.',
        chart: 'distribution',
      },
    ];
  },
};

/** max more than N× the average: at least one extreme stall. */
export const maxVsAverage: Detector<{ ratio: number; minMaxMs: number; minRequests: number }> = {
  describes: 'max more than 100× the average (an extreme stall)',
  defaults: { ratio: 100, minMaxMs: 100, minRequests: 200 },
  detect(input, s) {
    const d = durations(input, s.minRequests);
    if (!d || d.avg <= 0) return [];
    const ratio = d.max / d.avg;
    if (ratio <= s.ratio || d.max < s.minMaxMs) return [];
    return [
      {
        id: 'latency.max-outlier',
        severity: 'warning',
        title: `The slowest request took ${round(ratio, 0)}× the average (${formatMs(d.max)} vs ${formatMs(d.avg)})`,
        evidence: {
          text: `At least one request stalled for ${formatMs(d.max)} against an average of ${formatMs(d.avg)}.`,
          figures: { avgMs: round(d.avg, 3), maxMs: round(d.max, 3), ratio: round(ratio) },
        },
        cause:
          'A rare stall: a full GC, a connection being re-established, a timeout and retry, a blocked event loop.',
        fix: 'Find the second of the maximum on the latency chart and read the server series there.',
        chart: 'latency',
      },
    ];
  },
};
