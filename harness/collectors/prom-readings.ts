import parsePrometheusTextFormat from 'parse-prometheus-text-format';

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

const TYPE_LINE = /^# TYPE (\S+) (histogram|summary)\s*$/gm;

/**
 * A scrape as flat readings: counters and gauges as they are; histograms and summaries as the
 * running totals `<name>_count` and `<name>_sum` (rates and means come from their change) and a
 * summary's quantiles as gauges. Histogram buckets are left out: one series per bucket is noise.
 *
 * parse-prometheus-text-format folds every labelled histogram or summary of a family into one
 * sample and drops its sum and count (prom-client's `nodejs_gc_duration_seconds{kind}` would be
 * lost), so those families are declared untyped before parsing: each `_sum`, `_count` and
 * `_bucket` line then comes back as its own labelled sample, and the types are put back here.
 */
export function readPrometheusText(text: string): PromReading[] {
  const aggregates = new Set<string>();
  const untyped = text.replace(TYPE_LINE, (_line, name: string) => {
    aggregates.add(name);
    return `# TYPE ${name} untyped`;
  });
  const readings: PromReading[] = [];
  for (const family of parsePrometheusTextFormat(untyped)) {
    const base = family.name.replace(/_(sum|count|bucket)$/, '');
    const suffix = family.name.slice(base.length);
    const aggregate = aggregates.has(base) && base !== family.name;
    if (aggregate && suffix === '_bucket') continue;
    const kind =
      family.type === 'COUNTER' || (aggregate && (suffix === '_sum' || suffix === '_count'))
        ? 'counter'
        : 'gauge';
    for (const m of family.metrics) {
      const value = Number(m.value);
      if (m.value === undefined || !Number.isFinite(value)) continue;
      const labels = m.labels ?? {};
      readings.push({
        key: family.name + labelText(labels),
        name: family.name,
        labels,
        kind,
        value,
      });
    }
  }
  return readings;
}
