import type { ThresholdSource } from '../../scenarios/thresholds.js';

/**
 * The run directory's data, as the harness writes it and analysis reads it.
 * Versioned: a reader refuses a schemaVersion it does not know.
 */
export const RUN_SCHEMA_VERSION = 1;

export type Tags = Readonly<Record<string, string>>;

export type MetricKind = 'trend' | 'counter' | 'rate' | 'gauge';

/** Latency-like values. `hist` is an HDR histogram of value×1000 (µs for ms metrics), base64. */
export interface TrendSeries {
  kind: 'trend';
  tags: Tags;
  count: number;
  sum: number;
  min: number;
  max: number;
  hist: string;
}

export interface CounterSeries {
  kind: 'counter';
  tags: Tags;
  value: number;
}

export interface RateSeries {
  kind: 'rate';
  tags: Tags;
  passes: number;
  total: number;
}

export interface GaugeSeries {
  kind: 'gauge';
  tags: Tags;
  value: number;
  min: number;
  max: number;
}

export type MetricSeries = TrendSeries | CounterSeries | RateSeries | GaugeSeries;

/** Percentiles of all of a trend metric's series in one second, merged, in the metric's unit. */
export interface TrendPercentiles {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

/** One line of client.ndjson: everything the engine recorded in one wall-clock second. */
export interface ClientBucket {
  /** Unix time of the second's start, in seconds. */
  t: number;
  /** Active virtual users at the end of the second. */
  vus: number;
  metrics: Record<string, MetricSeries[]>;
  /**
   * Optional, by trend metric: the second's percentiles over every tag set, written by the
   * aggregator so a long run's timeline needs no histogram decoding. Readers fall back to
   * merging the histograms when it is absent.
   */
  percentiles?: Record<string, TrendPercentiles>;
}

/** One line of server.ndjson: every server series sampled in one second. */
export interface ServerSample {
  t: number;
  values: Record<string, number>;
}

export interface ServerSeriesInfo {
  id: string;
  label: string;
  unit: 'percent' | 'bytes' | 'count' | 'ms';
  source: string;
}

/** One container of a container target's run: replica, dependency or load balancer. */
export interface ContainerInfo {
  service: string;
  role: string;
  image: string;
  port: number;
  id: string;
  cpus?: number;
  memoryMb?: number;
}

export type RunStatus = 'running' | 'passed' | 'failed' | 'interrupted' | 'error';

export interface RunMeta {
  schemaVersion: number;
  id: string;
  status: RunStatus;
  error?: { code: string; message: string };
  startedAt: string;
  endedAt?: string;
  scenario: {
    name: string;
    file?: string;
    profile: unknown;
    /** As written: k6 strings, or objects with abortOnFail / delayAbortEval / window. */
    thresholds: Record<string, ThresholdSource[]>;
    /** Detector overrides from the scenario: settings by detector name, or false to turn one off. */
    detectors?: Record<string, false | Record<string, number>>;
    durationMs: number;
  };
  target: {
    name: string;
    provider: string;
    baseUrl: string;
    command?: string[];
    /** PID of the process loadrig started, if any. */
    pid?: number;
    /** Container targets: the image, the replica count and the limits applied. */
    image?: string;
    replicas?: number;
    resources?: { cpus?: number; memoryMb?: number; nodeHeapLimitMb?: number };
    containers?: ContainerInfo[];
  };
  engine: string;
  /** Findings at or above this severity fail the run (`--fail-on`); thresholds always do. */
  failOn?: 'critical' | 'warning' | 'never';
  /** What the engine reported when it finished (absent while running or if it never ran). */
  engineResult?: {
    iterations: number;
    interruptedIterations: number;
    droppedIterations: number;
    flowErrors: Record<string, number>;
    peakVus: number;
    k6Thresholds?: { metric: string; expression: string; passed: boolean }[];
    /**
     * Whether the load generator kept the schedule (built-in engine). `reliable: false` means
     * the figures partly measure loadrig itself; `reasons` say why.
     */
    generator?: GeneratorHealth;
  };
  loadrig: string;
  node: string;
  git?: { commit: string; branch: string; dirty: boolean };
  host: {
    hostname: string;
    platform: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
  };
  serverSeries: ServerSeriesInfo[];
}

export interface GeneratorHealth {
  reliable: boolean;
  reasons: string[];
  /** Worst event-loop delay of the generator in any second (p99 of that second). */
  maxEventLoopLagMs: number;
  /** Highest CPU use of the generator process in any second, in % of one core. */
  maxCpuPercent: number;
  /** Arrivals that started late because the generator was busy, and the worst delay. */
  lateArrivals: number;
  maxArrivalLagMs: number;
}

export interface RunData {
  meta: RunMeta;
  client: ClientBucket[];
  server: ServerSample[];
}
