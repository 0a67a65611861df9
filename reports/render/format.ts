/** Human formatting shared by the console, HTML and JSON renderers. Pure. */
import type { ThresholdResult } from '../analysis/thresholds/thresholds.js';

/** Up to `digits` decimals, trailing zeros dropped: 21.30 → "21.3", 40.00 → "40". */
export function trimFixed(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '-';
  const fixed = value.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** A duration in ms, in the unit k6 would pick: 512µs, 21.3ms, 1.25s, 2m3.5s; null is '-'. */
export function formatMs(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '-';
  const abs = Math.abs(ms);
  if (abs === 0) return '0s';
  if (abs < 1) return `${trimFixed(ms * 1000)}µs`;
  if (abs < 1000) return `${trimFixed(ms)}ms`;
  if (abs < 60_000) return `${trimFixed(ms / 1000)}s`;
  const minutes = Math.floor(abs / 60_000);
  return `${ms < 0 ? '-' : ''}${minutes}m${trimFixed((abs - minutes * 60_000) / 1000, 1)}s`;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Decimal (SI) units as k6 prints them: 999 B, 1.2 kB, 40 kB, 1.3 GB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || Math.abs(value) >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** A 0..1 rate as a percentage with two decimals: 0.0123 → "1.23%". */
export function formatPercent(rate: number): string {
  return Number.isFinite(rate) ? `${(rate * 100).toFixed(2)}%` : '-';
}

/** Counts with a thin grouping for readability in HTML tables: 1234567 → "1,234,567". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return Number.isInteger(value) ? value.toLocaleString('en-US') : trimFixed(value);
}

/** Whether a trend metric holds milliseconds (built-ins, `*_duration`, `*_ms`, `*_time`). */
export function isTimeMetric(metric: string): boolean {
  return (
    metric.startsWith('http_req_') ||
    /(?:_duration|_ms|_time|_latency)$/.test(metric) ||
    metric === 'iteration_duration'
  );
}

/** Whether a counter holds bytes (built-in data_* counters, `*_bytes`). */
export function isByteMetric(metric: string): boolean {
  return metric === 'data_received' || metric === 'data_sent' || metric.endsWith('_bytes');
}

/** A trend figure in its metric's unit. */
export function formatTrendValue(metric: string, value: number): string {
  return isTimeMetric(metric) ? formatMs(value) : trimFixed(value);
}

/** The generator's own gauges carry units: its event-loop lag in ms, its CPU in % of one core. */
const GAUGE_UNITS: Record<string, 'ms' | 'percent'> = {
  generator_event_loop_lag: 'ms',
  generator_cpu: 'percent',
};

/** A gauge figure in its metric's unit: `12.6ms`, `37.4%`; unitless gauges (VUs) as numbers. */
export function formatGaugeValue(metric: string, value: number): string {
  switch (GAUGE_UNITS[metric]) {
    case 'ms':
      return formatMs(value);
    case 'percent':
      return Number.isFinite(value) ? `${trimFixed(value, 1)}%` : '-';
    default:
      return isTimeMetric(metric) ? formatMs(value) : trimFixed(value);
  }
}

/** "2025-01-02T03:04:05.678Z" → "2025-01-02 03:04:05 UTC"; anything unparsable is shown as is. */
export function formatTimestamp(iso: string | undefined): string {
  if (iso === undefined) return '-';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A threshold's compared figure, formatted for its aggregation: `23ms`, `1.20%`, `41.1/s`. */
export function formatThresholdActual(result: ThresholdResult): string {
  if (result.actual === null) return '-';
  const metric = result.selector.split('{')[0] ?? result.selector;
  switch (result.metricKind) {
    case 'trend':
      return formatTrendValue(metric, result.actual);
    case 'rate':
      return formatPercent(result.actual);
    case 'counter':
      return result.aggregation === 'rate'
        ? `${trimFixed(result.actual)}/s`
        : formatCount(result.actual);
    case 'gauge':
      return formatGaugeValue(metric, result.actual);
    default:
      return trimFixed(result.actual);
  }
}
