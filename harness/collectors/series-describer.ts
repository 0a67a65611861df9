import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';

/** Describes a collector's series: `label name` as the chart label, one source for all. */
export function seriesDescriber(
  label: string,
  source: string,
): (id: string, name: string, unit: ServerSeriesInfo['unit']) => ServerSeriesInfo {
  return (id, name, unit) => ({ id, label: `${label} ${name}`, unit, source });
}
