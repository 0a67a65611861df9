import type { MetricKind } from '../run-dir/run-data.js';

/**
 * The metrics the engines record themselves, with their kinds (k6's built-in metrics and
 * loadrig's own). A custom metric of one of these names must have the same kind, or its
 * samples and the engine's could not share one series.
 */
export const BUILTIN_METRIC_KINDS: Readonly<Record<string, MetricKind>> = {
  http_reqs: 'counter',
  http_req_duration: 'trend',
  http_req_failed: 'rate',
  http_req_blocked: 'trend',
  http_req_connecting: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_sending: 'trend',
  http_req_waiting: 'trend',
  http_req_receiving: 'trend',
  data_received: 'counter',
  data_sent: 'counter',
  iterations: 'counter',
  iteration_duration: 'trend',
  dropped_iterations: 'counter',
  checks: 'rate',
  group_duration: 'trend',
  vus: 'gauge',
  vus_max: 'gauge',
  flow_errors: 'counter',
  generator_event_loop_lag: 'gauge',
  generator_cpu: 'gauge',
};
