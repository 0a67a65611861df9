import type { Second } from '../../core/series/second.js';

export interface BucketStats {
  requests: number;
  failed: number;
  p95Ms: number | undefined;
  /** The most VUs allocated at once in the second (vus_max), when the engine says. */
  allocatedVus: number | undefined;
}

/**
 * Figures for a live progress line, from one closed second: the request count and p95 are the
 * percentiles the aggregator computed when it closed the second (nothing is decoded or merged
 * again here), failures the passes of http_req_failed.
 */
export function bucketStats(second: Second): BucketStats {
  const latency = second.percentiles?.['http_req_duration'];
  let failed = 0;
  for (const s of second.metrics['http_req_failed'] ?? []) {
    if (s.merged.kind === 'rate') failed += s.merged.passes;
  }
  const requests = latency?.count ?? 0;
  const vusMax = second.metrics['vus_max']?.[0]?.merged;
  return {
    requests,
    failed,
    p95Ms: requests > 0 ? latency?.p95 : undefined,
    allocatedVus: vusMax?.kind === 'gauge' ? vusMax.value : undefined,
  };
}
