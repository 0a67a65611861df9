import { SERVER_STATS, TRAFFIC_STATS, METRICS, type MetricDef } from './compare-metrics.js';
import type { RunSeconds } from './run-seconds.js';
import type { ServerSource } from './server-sources.js';

export interface MetricPlan {
  metrics: MetricDef[];
  /** Endpoint labels (`GET /x`) seen on one side only. */
  onlyIn: { base: string[]; candidate: string[] };
}

/** `["/x","GET"]` (endpointKey) → `GET /x`. */
export function endpointLabel(key: string): string {
  const [name, method] = JSON.parse(key) as [string, string];
  return `${method} ${name}`.trim();
}

/**
 * The rows of a comparison: every traffic figure of all requests; the same per endpoint when
 * there is more than one (with one, they would repeat the first rows) and both sides have it;
 * and each server figure whose series every run has.
 */
export function metricPlan(
  base: readonly RunSeconds[],
  candidate: readonly RunSeconds[],
  sources: Partial<Record<ServerSource, string>>,
): MetricPlan {
  const metrics: MetricDef[] = TRAFFIC_STATS.map((stat) => ({ stat }));
  const keysOf = (runs: readonly RunSeconds[]) =>
    new Set(runs.flatMap((r) => [...r.endpoints.keys()]));
  const baseKeys = keysOf(base);
  const candidateKeys = keysOf(candidate);
  const shared = [...baseKeys].filter((k) => candidateKeys.has(k)).sort();
  if (new Set([...baseKeys, ...candidateKeys]).size > 1) {
    for (const key of shared) {
      const [name, method] = JSON.parse(key) as [string, string];
      for (const stat of TRAFFIC_STATS) metrics.push({ stat, endpoint: { key, name, method } });
    }
  }
  for (const stat of SERVER_STATS) {
    const series = sources[METRICS[stat].server!];
    if (series !== undefined) metrics.push({ stat, series });
  }
  const only = (a: Set<string>, b: Set<string>) =>
    [...a]
      .filter((k) => !b.has(k))
      .sort()
      .map(endpointLabel);
  return {
    metrics,
    onlyIn: { base: only(baseKeys, candidateKeys), candidate: only(candidateKeys, baseKeys) },
  };
}
