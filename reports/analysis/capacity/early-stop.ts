import type { StepMeasurement } from './capacity-step.js';
import { loadLabel, percent, plainNumber as num } from './plain-number.js';
import { sloLabel, type Slo } from './slo.js';

/** The SLO is clearly broken past this multiple of its limit (or with errors above the limit). */
export const CLEAR_BREAK_FACTOR = 1.2;
/** Throughput has stopped rising when a step adds less than this share over the best before it. */
export const STILL_RISING = 0.05;

/**
 * Whether a stepped measurement should stop after its latest step: the SLO is clearly broken
 * there and throughput has stopped rising, so heavier steps would only queue. Returns the
 * reason, or undefined to go on.
 */
export function earlyStopReason(steps: readonly StepMeasurement[], slo: Slo): string | undefined {
  const last = steps.at(-1);
  if (!last || steps.length < 2) return undefined;
  const errors = last.errorRate > slo.maxErrorRate;
  const latency = last.sloValue >= slo.limit * CLEAR_BREAK_FACTOR;
  if (!errors && !latency) return undefined;
  const before = Math.max(...steps.slice(0, -1).map((s) => s.throughputPerSec));
  if (last.throughputPerSec > before * (1 + STILL_RISING)) return undefined;
  const what = errors
    ? `${percent(last.errorRate)} of requests failed`
    : `${sloLabel(slo)} was ${num(last.sloValue)} (limit ${num(slo.limit)})`;
  return `at ${loadLabel(last.model, last.level)} ${what} and throughput (${num(last.throughputPerSec)} req/s) no longer rose above ${num(before)} req/s`;
}
