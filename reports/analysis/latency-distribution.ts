import { trendPercentile, type MergedMetric } from '../../core/series/merge.js';

/** One latency curve of the HDR percentile plot: value (ms) at each of `percentiles`. */
export interface DistributionCurve {
  label: string;
  count: number;
  valuesMs: number[];
}

/**
 * The HDR percentile plot: x is 1/(1 - p) on a log axis (1 = p0, 10 = p90, 100 = p99...),
 * so the tail gets as much room as the body. Percentiles go as deep as the sample supports.
 */
export interface LatencyDistribution {
  percentiles: number[];
  curves: DistributionCurve[];
}

const MAX_CURVES = 6;
const STEPS_PER_DECADE = 10;
const MAX_DECADES = 5;

/** Log-spaced percentiles from p0 to the deepest one `count` samples resolve (≤ p99.999). */
export function distributionPercentiles(count: number): number[] {
  const decades = Math.min(MAX_DECADES, Math.log10(Math.max(count, 1)));
  const out: number[] = [];
  for (let i = 0; i <= Math.floor(decades * STEPS_PER_DECADE); i++) {
    out.push(100 * (1 - 10 ** (-i / STEPS_PER_DECADE)));
  }
  return out;
}

/** The whole metric first, then the busiest groups (endpoints), at most MAX_CURVES in all. */
export function latencyDistribution(
  total: MergedMetric | undefined,
  groups: ReadonlyMap<string, MergedMetric>,
  labelOf: (key: string) => string,
): LatencyDistribution {
  if (total?.kind !== 'trend' || total.count === 0) return { percentiles: [], curves: [] };
  const percentiles = distributionPercentiles(total.count);
  const curve = (label: string, m: MergedMetric): DistributionCurve | undefined =>
    m.kind === 'trend' && m.count > 0
      ? { label, count: m.count, valuesMs: percentiles.map((p) => trendPercentile(m, p)) }
      : undefined;
  const curves = [curve('all requests', total)!];
  if (groups.size > 1) {
    const busiest = [...groups]
      .filter(([, m]) => m.kind === 'trend' && m.count > 0)
      .sort(
        ([, a], [, b]) => (b.kind === 'trend' ? b.count : 0) - (a.kind === 'trend' ? a.count : 0),
      )
      .slice(0, MAX_CURVES - 1);
    for (const [key, m] of busiest) curves.push(curve(labelOf(key), m)!);
  }
  return { percentiles, curves };
}
