/**
 * Runs inside k6. The metrics the script declares at init (the scenario's custom metrics and the
 * runtime's own), so `options` can keep only thresholds k6 will accept: k6 refuses, before the
 * test, a threshold on a metric it does not know.
 */
import { K6_BUILTIN_METRICS } from '../../../core/builtin-metrics.js';

const declared = new Set<string>();

export function declareMetric(name: string): void {
  declared.add(name);
}

/** Whether k6 will know `metric` (a built-in one, or one declared so far at init). */
export function isKnownMetric(metric: string): boolean {
  return metric in K6_BUILTIN_METRICS || declared.has(metric);
}
