import { formatMs } from '../../render/format.js';
import type { Detector } from './detector.js';
import { isOpenModel, round } from './run-facts.js';

/**
 * In a closed model a stalled server also stalls the VUs waiting on it, so requests that would
 * have arrived during the stall are never sent: the outliers seen are a lower bound.
 */
export const coordinatedOmissionRisk: Detector<{
  minP99Ms: number;
  tailRatio: number;
  minRequests: number;
}> = {
  describes: 'closed model with large latency outliers: coordinated-omission risk',
  defaults: { minP99Ms: 50, tailRatio: 5, minRequests: 200 },
  detect(input, s) {
    if (isOpenModel(input)) return [];
    const d = input.summary.metrics['http_req_duration'];
    if (d?.kind !== 'trend' || d.count < s.minRequests || d.med <= 0) return [];
    const ratio = d.p99 / d.med;
    if (d.p99 < s.minP99Ms || ratio < s.tailRatio) return [];
    return [
      {
        id: 'model.coordinated-omission-risk',
        severity: 'info',
        title: `Closed-model run with a long tail (p99 ${formatMs(d.p99)} = ${round(ratio, 0)}× the median): the tail is understated`,
        evidence: {
          text: `VUs wait for each response before sending the next, so during a stall fewer requests are sent and the slow period is under-sampled; the true p99 for users arriving at a steady rate is higher.`,
          figures: { medianMs: round(d.med, 3), p99Ms: round(d.p99, 3), ratio: round(ratio, 1) },
        },
        cause: 'Coordinated omission: the load generator slows down with the server it measures.',
        fix: 'Rerun with an open model (constantRate) at the observed throughput; its latencies count from each scheduled start.',
        chart: 'distribution',
      },
    ];
  },
};
