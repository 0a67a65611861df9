import { mergeEncoded, percentile } from '../../core/hdr/histogram.js';
import type { ClientBucket } from '../../core/run-dir/run-data.js';

export interface BucketStats {
  requests: number;
  failed: number;
  p95Ms: number | undefined;
}

/** Figures for a live progress line, from one second's bucket. */
export function bucketStats(bucket: ClientBucket): BucketStats {
  const durations = bucket.metrics['http_req_duration'] ?? [];
  let requests = 0;
  const hists: string[] = [];
  for (const s of durations) {
    if (s.kind !== 'trend') continue;
    requests += s.count;
    hists.push(s.hist);
  }
  let failed = 0;
  for (const s of bucket.metrics['http_req_failed'] ?? [])
    if (s.kind === 'rate') failed += s.passes;
  return {
    requests,
    failed,
    p95Ms: requests > 0 ? percentile(mergeEncoded(hists), 95) : undefined,
  };
}
