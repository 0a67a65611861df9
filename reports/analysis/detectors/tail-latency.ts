import { formatMs } from '../../render/format.js';
import type { TrendStats } from '../metric-stats.js';
import type { PercentileBounds } from '../summary.js';
import type { Detector, DetectorInput } from './detector.js';
import { mattersMs, secondsReaching } from './latency-budget.js';
import { round } from './run-facts.js';

/** http_req_duration, when its tail beyond `percentile` holds at least `minTailRequests`. */
function durations(
  input: DetectorInput,
  percentile: number,
  minTailRequests: number,
): TrendStats | undefined {
  const d = input.summary.metrics['http_req_duration'];
  if (d?.kind !== 'trend') return undefined;
  return d.count * (1 - percentile / 100) >= minTailRequests ? d : undefined;
}

/** A percentile's 95 % bounds; a run summarised without them gets the point value for both. */
function bounds(input: DetectorInput, key: 'p95' | 'p99', value: number): PercentileBounds {
  return input.summary.latencyBounds?.[key] ?? { lowMs: value, highMs: value };
}

const budgetText = (budgetMs: number | undefined, share: number): string =>
  budgetMs === undefined
    ? ''
    : ` The thresholds allow ${formatMs(budgetMs)} here; this is over ${round(share * 100, 0)} % of it.`;

/**
 * p99 far above p95: a slow tail that averages and medians hide. Judged on the percentiles'
 * 95 % bounds (the lowest the p99 and the highest the p95 could be on another sample of this
 * size), with enough requests beyond the p99, spread over enough seconds that it is not one
 * incident, and a p99 large enough to matter: against the thresholds where the scenario has
 * them, an absolute floor otherwise.
 */
export const p99Tail: Detector<{
  warnRatio: number;
  criticalRatio: number;
  minGapMs: number;
  minTailRequests: number;
  minTailSeconds: number;
  minP99Ms: number;
  budgetShare: number;
  criticalP99Ms: number;
}> = {
  describes: 'p99 far above p95 (a long tail: GC pauses, lock contention)',
  defaults: {
    warnRatio: 2,
    criticalRatio: 3,
    minGapMs: 5,
    minTailRequests: 50,
    minTailSeconds: 5,
    minP99Ms: 50,
    budgetShare: 0.5,
    criticalP99Ms: 500,
  },
  detect(input, s) {
    const d = durations(input, 99, s.minTailRequests);
    if (!d || d.p95 <= 0) return [];
    const p99 = bounds(input, 'p99', d.p99);
    const p95 = bounds(input, 'p95', d.p95);
    if (p95.highMs <= 0) return [];
    const ratio = p99.lowMs / p95.highMs;
    if (ratio <= s.warnRatio || p99.lowMs - p95.highMs < s.minGapMs) return [];
    const size = mattersMs(input, d.p99, 99, s.minP99Ms, s.budgetShare);
    if (!size.matters) return [];
    const tailSeconds = secondsReaching(input, d.p99);
    if (tailSeconds < s.minTailSeconds) return [];
    const large = size.budgetMs === undefined ? d.p99 >= s.criticalP99Ms : d.p99 >= size.budgetMs;
    const tail = Math.round(d.count / 100);
    return [
      {
        id: 'latency.p99-tail',
        severity: ratio > s.criticalRatio && large ? 'critical' : 'warning',
        title: `p99 is ${round(d.p99 / d.p95, 1)}× p95 (${formatMs(d.p99)} vs ${formatMs(d.p95)})`,
        evidence: {
          text: `1 request in 100 took over ${formatMs(d.p99)} while 95 in 100 finished within ${formatMs(d.p95)}, over ${d.count} requests: the ${tail} slowest came in ${tailSeconds} different seconds. Even at the ends of their 95 % bounds (p99 ≥ ${formatMs(p99.lowMs)}, p95 ≤ ${formatMs(p95.highMs)}) the p99 is ${round(ratio, 1)}× the p95.${budgetText(size.budgetMs, s.budgetShare)}`,
          figures: {
            p95Ms: round(d.p95, 3),
            p99Ms: round(d.p99, 3),
            ratio: round(d.p99 / d.p95),
            p99LowMs: round(p99.lowMs, 3),
            p95HighMs: round(p95.highMs, 3),
            boundedRatio: round(ratio),
            tailRequests: tail,
            tailSeconds,
            ...(size.budgetMs !== undefined ? { budgetMs: size.budgetMs } : {}),
          },
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
export const p95VsAverage: Detector<{
  ratio: number;
  minGapMs: number;
  minTailRequests: number;
  minTailSeconds: number;
  minP95Ms: number;
  budgetShare: number;
}> = {
  describes: 'p95 more than 5× the average (a bimodal or heavy-tailed latency)',
  defaults: {
    ratio: 5,
    minGapMs: 5,
    minTailRequests: 50,
    minTailSeconds: 5,
    minP95Ms: 50,
    budgetShare: 0.5,
  },
  detect(input, s) {
    const d = durations(input, 95, s.minTailRequests);
    if (!d || d.avg <= 0) return [];
    const p95 = bounds(input, 'p95', d.p95);
    const ratio = p95.lowMs / d.avg;
    if (ratio <= s.ratio || p95.lowMs - d.avg < s.minGapMs) return [];
    const size = mattersMs(input, d.p95, 95, s.minP95Ms, s.budgetShare);
    if (!size.matters) return [];
    const tailSeconds = secondsReaching(input, d.p95);
    if (tailSeconds < s.minTailSeconds) return [];
    return [
      {
        id: 'latency.p95-vs-average',
        severity: 'warning',
        title: `p95 is ${round(d.p95 / d.avg, 1)}× the average (${formatMs(d.p95)} vs ${formatMs(d.avg)})`,
        evidence: {
          text: `The average (${formatMs(d.avg)}) hides a slow group: 1 request in 20 took over ${formatMs(d.p95)} (at least ${formatMs(p95.lowMs)} within its 95 % bounds), in ${tailSeconds} different seconds.${budgetText(size.budgetMs, s.budgetShare)}`,
          figures: {
            avgMs: round(d.avg, 3),
            p95Ms: round(d.p95, 3),
            ratio: round(d.p95 / d.avg),
            p95LowMs: round(p95.lowMs, 3),
            tailSeconds,
            ...(size.budgetMs !== undefined ? { budgetMs: size.budgetMs } : {}),
          },
        },
        cause:
          'Two populations of requests: cache hits and misses, a slow endpoint mixed with fast ones, or queueing behind a shared resource.',
        fix: 'Split the latency by endpoint (the endpoints table) and look at the slow one on its own.',
        chart: 'distribution',
      },
    ];
  },
};

/**
 * max more than N× the average: at least one extreme stall. One request is one sample, so it
 * is information, never a warning on its own: the tail detectors speak when stalls repeat.
 */
export const maxVsAverage: Detector<{
  ratio: number;
  minMaxMs: number;
  minRequests: number;
  budgetShare: number;
}> = {
  describes: 'max more than 100× the average (an extreme stall)',
  defaults: { ratio: 100, minMaxMs: 100, minRequests: 200, budgetShare: 1 },
  detect(input, s) {
    const d = input.summary.metrics['http_req_duration'];
    if (d?.kind !== 'trend' || d.count < s.minRequests || d.avg <= 0) return [];
    const ratio = d.max / d.avg;
    if (ratio <= s.ratio) return [];
    const size = mattersMs(input, d.max, 100, s.minMaxMs, s.budgetShare);
    if (!size.matters) return [];
    return [
      {
        id: 'latency.max-outlier',
        severity: 'info',
        title: `The slowest request took ${round(ratio, 0)}× the average (${formatMs(d.max)} vs ${formatMs(d.avg)})`,
        evidence: {
          text: `At least one request stalled for ${formatMs(d.max)} against an average of ${formatMs(d.avg)}.${size.budgetMs === undefined ? '' : ` The thresholds allow ${formatMs(size.budgetMs)} for the slowest requests.`}`,
          figures: {
            avgMs: round(d.avg, 3),
            maxMs: round(d.max, 3),
            ratio: round(ratio),
            ...(size.budgetMs !== undefined ? { budgetMs: size.budgetMs } : {}),
          },
        },
        cause:
          'A rare stall: a full GC, a connection being re-established, a timeout and retry, a blocked event loop.',
        fix: 'Find the second of the maximum on the latency chart and read the server series there.',
        chart: 'latency',
      },
    ];
  },
};
