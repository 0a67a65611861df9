import type { ServerSource } from './server-sources.js';

/** What a compared figure measures. */
export type MetricStat =
  | 'p50'
  | 'p95'
  | 'p99'
  | 'max'
  | 'throughput'
  | 'error_rate'
  | 'cpu_per_request'
  | 'memory_slope'
  | 'event_loop_p99'
  | 'gc_time';

export type MetricUnit =
  'ms' | 'reqPerSec' | 'ratio' | 'cpuMsPerRequest' | 'bytesPerMin' | 'msPerSec';

export interface MetricInfo {
  label: string;
  unit: MetricUnit;
  /** Which way is good: latency lower, throughput higher. */
  better: 'lower' | 'higher';
  /**
   * The smallest change that can count, in the metric's unit, whatever --min-effect says: a
   * relative change means nothing when the base is near zero (0.01 % → 0.02 % errors is +100 %).
   */
  floor: number;
  /**
   * A single extreme value (the maximum): a rank test over rounds can judge it, a bootstrap
   * cannot (resampling never produces a value beyond the largest seen).
   */
  extreme: boolean;
  /** The server quantity it is computed from, if any. */
  server?: ServerSource;
}

export const METRICS: Record<MetricStat, MetricInfo> = {
  p50: { label: 'latency p50', unit: 'ms', better: 'lower', floor: 0, extreme: false },
  p95: { label: 'latency p95', unit: 'ms', better: 'lower', floor: 0, extreme: false },
  p99: { label: 'latency p99', unit: 'ms', better: 'lower', floor: 0, extreme: false },
  max: { label: 'latency max', unit: 'ms', better: 'lower', floor: 0, extreme: true },
  throughput: {
    label: 'throughput',
    unit: 'reqPerSec',
    better: 'higher',
    floor: 0,
    extreme: false,
  },
  error_rate: { label: 'error rate', unit: 'ratio', better: 'lower', floor: 0.001, extreme: false },
  cpu_per_request: {
    label: 'CPU per request',
    unit: 'cpuMsPerRequest',
    better: 'lower',
    floor: 0,
    extreme: false,
    server: 'cpu',
  },
  memory_slope: {
    label: 'memory slope',
    unit: 'bytesPerMin',
    better: 'lower',
    floor: 1e6,
    extreme: false,
    server: 'memory',
  },
  event_loop_p99: {
    label: 'event-loop delay p99',
    unit: 'ms',
    better: 'lower',
    floor: 1,
    extreme: false,
    server: 'eventLoopP99',
  },
  gc_time: {
    label: 'GC time',
    unit: 'msPerSec',
    better: 'lower',
    floor: 1,
    extreme: false,
    server: 'gcPause',
  },
};

export const TRAFFIC_STATS = ['p50', 'p95', 'p99', 'max', 'throughput', 'error_rate'] as const;
export const SERVER_STATS = [
  'cpu_per_request',
  'memory_slope',
  'event_loop_p99',
  'gc_time',
] as const;

/** One row of a comparison: a figure of all requests, of one endpoint, or of the server. */
export interface MetricDef {
  stat: MetricStat;
  /** The endpoint's key (endpointKey) with its name and method; absent for all requests. */
  endpoint?: { key: string; name: string; method: string };
  /** For server metrics: the series option read (server-sources.ts). */
  series?: string;
}
