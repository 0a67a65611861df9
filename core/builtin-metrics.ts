import type { MetricKind } from './run-dir/schema/series.js';

/** A metric loadrig records by itself, and the engines that record it (all when absent). */
export interface BuiltinMetric {
  kind: MetricKind;
  engines?: readonly ('builtin' | 'k6')[];
}

/**
 * The client metrics a run can record without the scenario declaring them, by name: k6's
 * built-in metrics plus loadrig's own. Thresholds are checked against these and the scenario's
 * custom metrics before any load; server series cannot carry thresholds (they are judged by
 * the detectors).
 */
export const BUILTIN_METRICS = {
  http_req_duration: { kind: 'trend' },
  http_req_failed: { kind: 'rate' },
  http_reqs: { kind: 'counter' },
  checks: { kind: 'rate' },
  iterations: { kind: 'counter' },
  iteration_duration: { kind: 'trend' },
  data_received: { kind: 'counter' },
  data_sent: { kind: 'counter' },
  dropped_iterations: { kind: 'counter' },
  group_duration: { kind: 'trend' },
  vus: { kind: 'gauge' },
  vus_max: { kind: 'gauge' },
  // Exceptions thrown by the flow, and the generator watching itself: the built-in engine's.
  flow_errors: { kind: 'counter', engines: ['builtin'] },
  generator_event_loop_lag: { kind: 'gauge', engines: ['builtin'] },
  generator_cpu: { kind: 'gauge', engines: ['builtin'] },
  // The phases of a request, as k6 times them; the built-in engine records the total only.
  http_req_blocked: { kind: 'trend', engines: ['k6'] },
  http_req_connecting: { kind: 'trend', engines: ['k6'] },
  http_req_tls_handshaking: { kind: 'trend', engines: ['k6'] },
  http_req_sending: { kind: 'trend', engines: ['k6'] },
  http_req_waiting: { kind: 'trend', engines: ['k6'] },
  http_req_receiving: { kind: 'trend', engines: ['k6'] },
} as const satisfies Record<string, BuiltinMetric>;

export function builtinMetric(name: string): BuiltinMetric | undefined {
  return (BUILTIN_METRICS as Record<string, BuiltinMetric>)[name];
}
