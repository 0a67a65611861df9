import { cpuPerRequest } from './cpu-per-request.js';
import { errorRate } from './error-rate.js';
import type { HistoryMetric } from './history-metric.js';
import { latencyPercentile } from './latency.js';
import { memorySlope } from './memory-slope.js';
import { throughput } from './throughput.js';

/** The figures `loadrig history` follows across runs, by id (the order charts appear in). */
export const historyMetrics = {
  'latency.p50': latencyPercentile(50),
  'latency.p95': latencyPercentile(95),
  'latency.p99': latencyPercentile(99),
  throughput,
  'errors.rate': errorRate,
  'server.cpu_per_request': cpuPerRequest,
  'server.memory_slope': memorySlope,
} satisfies Record<string, HistoryMetric>;

export type HistoryMetricId = keyof typeof historyMetrics;

export function historyMetric(id: string): HistoryMetric | undefined {
  return Object.hasOwn(historyMetrics, id) ? historyMetrics[id as HistoryMetricId] : undefined;
}

export type { HistoryMetric, HistoryUnit } from './history-metric.js';
