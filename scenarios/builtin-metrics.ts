import type { MetricKind } from '../core/run-dir/run-data.js';

/**
 * The metrics k6 v1.x registers before a script runs (k6's metrics/builtin.go), with their
 * kinds. loadrig records the same names on its own engine, so one table serves both: the
 * threshold grammar checks aggregations against it and the k6 JSON reader falls back on it.
 */
export const K6_BUILTIN_METRICS: Readonly<Record<string, MetricKind>> = Object.freeze({
  vus: 'gauge',
  vus_max: 'gauge',
  iterations: 'counter',
  iteration_duration: 'trend',
  dropped_iterations: 'counter',
  checks: 'rate',
  group_duration: 'trend',
  http_reqs: 'counter',
  http_req_failed: 'rate',
  http_req_duration: 'trend',
  http_req_blocked: 'trend',
  http_req_connecting: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_sending: 'trend',
  http_req_waiting: 'trend',
  http_req_receiving: 'trend',
  ws_sessions: 'counter',
  ws_msgs_sent: 'counter',
  ws_msgs_received: 'counter',
  ws_ping: 'trend',
  ws_session_duration: 'trend',
  ws_connecting: 'trend',
  grpc_req_duration: 'trend',
  data_sent: 'counter',
  data_received: 'counter',
});

/**
 * Metrics only loadrig records. `flow_errors` exists on k6 too: the k6 runtime declares it as a
 * custom counter. The generator's self-monitoring exists only where loadrig runs the VUs itself.
 */
export const LOADRIG_METRICS: Readonly<Record<string, MetricKind>> = Object.freeze({
  flow_errors: 'counter',
  generator_event_loop_lag: 'gauge',
  generator_cpu: 'gauge',
});

/** Threshold aggregations each kind supports (k6's metrics/metric_type.go). */
export const AGGREGATIONS_BY_KIND: Readonly<Record<MetricKind, readonly string[]>> = Object.freeze({
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'percentile'],
});

/** The kind of a metric loadrig or k6 defines itself; undefined for a custom metric. */
export function builtinMetricKind(name: string): MetricKind | undefined {
  return K6_BUILTIN_METRICS[name] ?? LOADRIG_METRICS[name];
}
