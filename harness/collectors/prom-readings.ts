import { parsePromText } from './prom-text.js';

/** One number of a scrape: `kind` says whether it is a level or a running total. */
export interface PromReading {
  /** Metric name plus its labels, sorted and escaped: `db_pool_waiting{pool="main"}`. */
  key: string;
  name: string;
  labels: Record<string, string>;
  kind: 'gauge' | 'counter';
  value: number;
}

/** As the exposition format escapes a label value, so that no two label sets share a key. */
const escaped = (v: string): string =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const labelText = (labels: Record<string, string>): string => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0
    ? ''
    : `{${keys.map((k) => `${k}="${escaped(labels[k] as string)}"`).join(',')}}`;
};

const AGGREGATES = new Set(['histogram', 'summary', 'gaugehistogram']);

/**
 * A scrape as flat readings: counters and gauges as they are; histograms and summaries as the
 * running totals `<name>_count` and `<name>_sum` (rates and means come from their change) and a
 * summary's quantiles as gauges. Histogram buckets are left out: one series per bucket is noise;
 * so are OpenMetrics `_created` timestamps. Samples that are not finite (NaN, ±Inf) are gaps.
 */
export function readPrometheusText(text: string): PromReading[] {
  const { samples, types } = parsePromText(text);
  const readings: PromReading[] = [];
  for (const { name, labels, value } of samples) {
    if (!Number.isFinite(value)) continue;
    const suffix = /_(sum|count|bucket|total|created)$/.exec(name)?.[1];
    const baseType =
      suffix === undefined ? undefined : types.get(name.slice(0, -suffix.length - 1));
    const aggregate = baseType !== undefined && AGGREGATES.has(baseType);
    if (suffix === 'bucket' && aggregate) continue;
    if (suffix === 'created' && baseType !== undefined) continue;
    const counter =
      types.get(name) === 'counter' ||
      (aggregate && (suffix === 'sum' || suffix === 'count')) ||
      (suffix === 'total' && baseType === 'counter'); // OpenMetrics: `# TYPE x counter`, `x_total`
    readings.push({
      key: name + labelText(labels),
      name,
      labels,
      kind: counter ? 'counter' : 'gauge',
      value,
    });
  }
  return readings;
}
