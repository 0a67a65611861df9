import { linearRegression, linearRegressionLine, rSquared } from 'simple-statistics';
import { laggedPairs, type GridSeries } from './align.js';

/** Latency as a straight line of concurrency: the signature of a queue when it fits well. */
export interface LatencyConcurrencyFit {
  /** Extra milliseconds of latency per extra concurrent request. */
  slopeMsPerConcurrent: number;
  interceptMs: number;
  /** Share of the latency's variance the line explains, 0..1. */
  r2: number;
  /** Seconds with both values present. */
  n: number;
  /** Distinct concurrency levels seen (a fit over one level says nothing). */
  levels: number;
  /**
   * Latency climbs in step with concurrency (slope > 0, r2 >= 0.7, 3+ levels): requests wait
   * for a saturated resource, so each extra one adds about 1000 / capacity ms.
   */
  queueing: boolean;
}

/**
 * Least-squares fit of per-second latency on per-second concurrency. Concurrency is the active
 * VUs: each has at most one request in flight, so it bounds in-flight requests from above and
 * equals them when the flow has no think time.
 */
export function latencyVsConcurrency(
  concurrency: GridSeries,
  latencyMs: GridSeries,
): LatencyConcurrencyFit | undefined {
  const { x, y } = laggedPairs(concurrency, latencyMs, 0);
  const levels = new Set(x).size;
  if (x.length < 3 || levels < 2) return undefined;
  const points = x.map((c, i): [number, number] => [c, y[i] as number]);
  const { m, b } = linearRegression(points);
  const r2 = rSquared(points, linearRegressionLine({ m, b }));
  const fit = Number.isFinite(r2) ? r2 : 0;
  return {
    slopeMsPerConcurrent: m,
    interceptMs: b,
    r2: fit,
    n: x.length,
    levels,
    queueing: m > 0 && fit >= 0.7 && levels >= 3,
  };
}
