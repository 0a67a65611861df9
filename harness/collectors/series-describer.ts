import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';

/** Describes a collector's series: `label name` as the chart label, one source for all. */
export function seriesDescriber(
  label: string,
  source: string,
): (id: string, name: string, unit: ServerSeriesInfo['unit']) => ServerSeriesInfo {
  return (id, name, unit) => ({ id, label: `${label} ${name}`, unit, source });
}

/** A dependency's series ids, `<kind>.<name>.<metric>` for each metric of `metrics`. */
export function dependencySeries<K extends string>(
  kind: string,
  name: string,
  metrics: Record<K, string>,
): Record<K, string> {
  const ids = {} as Record<K, string>;
  for (const [key, metric] of Object.entries(metrics) as [K, string][]) {
    ids[key] = `${kind}.${name}.${metric}`;
  }
  return ids;
}
