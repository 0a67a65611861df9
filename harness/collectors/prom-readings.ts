import parsePrometheusTextFormat, { type PromFamily } from 'parse-prometheus-text-format';

/** One number of a scrape: `kind` says whether it is a level or a running total. */
export interface PromReading {
  /** Metric name plus its labels, sorted: `db_pool_waiting{pool="main"}`. */
  key: string;
  name: string;
  labels: Record<string, string>;
  kind: 'gauge' | 'counter';
  value: number;
}

const labelText = (labels: Record<string, string>): string => {
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${labels[k]}"`).join(',')}}`;
};

/**
 * A scrape as flat readings: counters and gauges as they are; histograms and summaries as the
 * running totals `<name>_count` and `<name>_sum` (rates and means come from their change) and a
 * summary's quantiles as gauges. Histogram buckets are left out: one series per bucket is noise.
 */
export function readPrometheusText(text: string): PromReading[] {
  const families: PromFamily[] = parsePrometheusTextFormat(text);
  const readings: PromReading[] = [];
  const push = (
    name: string,
    labels: Record<string, string>,
    kind: PromReading['kind'],
    text: string | undefined,
  ): void => {
    const value = Number(text);
    if (text === undefined || !Number.isFinite(value)) return;
    readings.push({ key: name + labelText(labels), name, labels, kind, value });
  };
  for (const family of families) {
    for (const m of family.metrics) {
      const labels = m.labels ?? {};
      switch (family.type) {
        case 'COUNTER':
          push(family.name, labels, 'counter', m.value);
          break;
        case 'GAUGE':
        case 'UNTYPED':
          push(family.name, labels, 'gauge', m.value);
          break;
        case 'HISTOGRAM':
        case 'SUMMARY':
          push(`${family.name}_count`, labels, 'counter', m.count);
          push(`${family.name}_sum`, labels, 'counter', m.sum);
          for (const [q, v] of Object.entries(m.quantiles ?? {}))
            push(family.name, { ...labels, quantile: q }, 'gauge', v);
          break;
      }
    }
  }
  return readings;
}
