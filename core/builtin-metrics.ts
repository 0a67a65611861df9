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
  // k6 registers these for its WebSocket and gRPC modules; loadrig's engine speaks HTTP only.
  ws_sessions: { kind: 'counter', engines: ['k6'] },
  ws_msgs_sent: { kind: 'counter', engines: ['k6'] },
  ws_msgs_received: { kind: 'counter', engines: ['k6'] },
  ws_ping: { kind: 'trend', engines: ['k6'] },
  ws_session_duration: { kind: 'trend', engines: ['k6'] },
  ws_connecting: { kind: 'trend', engines: ['k6'] },
  grpc_req_duration: { kind: 'trend', engines: ['k6'] },
} as const satisfies Record<string, BuiltinMetric>;

export function builtinMetric(name: string): BuiltinMetric | undefined {
  return (BUILTIN_METRICS as Record<string, BuiltinMetric>)[name];
}

/**
 * The metrics k6 v1.x registers before a script runs (k6's metrics/builtin.go), with their
 * kinds: every built-in metric k6 records. loadrig's own (`flow_errors`, `generator_*`) are not
 * among them; the k6 runtime declares `flow_errors` as a custom counter.
 */
export const K6_BUILTIN_METRICS: Readonly<Record<string, MetricKind>> = Object.freeze(
  Object.fromEntries(
    Object.entries(BUILTIN_METRICS as Record<string, BuiltinMetric>)
      .filter(([, m]) => m.engines === undefined || m.engines.includes('k6'))
      .map(([name, m]) => [name, m.kind]),
  ),
);
