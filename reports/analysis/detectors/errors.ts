import type { Finding } from '../../model/finding.js';
import { formatPercent } from '../../render/format.js';
import { requestErrorRows } from '../request-errors.js';
import type { Detector } from './detector.js';
import { round, span } from './run-facts.js';

/** Errors above a small share of all requests, over the whole run. */
export const errorRate: Detector<{ warnPercent: number; criticalPercent: number }> = {
  describes: 'errors above 1 % of requests',
  defaults: { warnPercent: 1, criticalPercent: 5 },
  detect(input, s) {
    const failed = input.summary.metrics['http_req_failed'];
    if (failed?.kind !== 'rate' || failed.total === 0) return [];
    const percent = failed.rate * 100;
    if (percent <= s.warnPercent) return [];
    const seconds = input.timeline.errorsPerSec.flatMap((e, i) => ((e ?? 0) > 0 ? [i] : []));
    const causes = requestErrorRows(input.run.client)
      .slice(0, 3)
      .map((r) => `${r.label}: ${r.count}`);
    return [
      {
        id: 'errors.rate',
        severity: percent > s.criticalPercent ? 'critical' : 'warning',
        title: `${formatPercent(failed.rate)} of requests failed (${failed.passes} of ${failed.total})`,
        evidence: {
          text: `${failed.passes} requests failed (HTTP ≥ 400 or no answer) in ${seconds.length} s of the run${causes.length > 0 ? `; by status and cause: ${causes.join('; ')}` : ''}.`,
          figures: {
            failed: failed.passes,
            requests: failed.total,
            errorPercent: round(percent, 3),
          },
          ...span(input, seconds),
        },
        cause: 'Connection or pool limits, timeouts under load, or a dependency failing.',
        fix: 'Read the request errors by status and cause (console summary, report, summary.json requestErrors) and the target log; raise the limit that is hit, add a circuit breaker or back-pressure.',
        chart: 'throughput',
      },
    ];
  },
};

/** A step change in the error rate: fine for a while, then failing. */
export const errorSpike: Detector<{
  baselinePercent: number;
  spikePercent: number;
  minBaselineSeconds: number;
  windowSeconds: number;
  minRequests: number;
}> = {
  describes: 'a sudden error spike (a step change in the error rate)',
  defaults: {
    baselinePercent: 1,
    spikePercent: 5,
    minBaselineSeconds: 5,
    windowSeconds: 3,
    minRequests: 10,
  },
  detect(input, s) {
    const { reqPerSec, errorsPerSec } = input.timeline;
    const seconds = reqPerSec.flatMap((r, i) => ((r ?? 0) > 0 ? [i] : []));
    // Prefix sums: each window's rate in O(1), so a day-long soak stays cheap.
    const reqSum = [0];
    const errSum = [0];
    for (const i of seconds) {
      reqSum.push((reqSum[reqSum.length - 1] as number) + (reqPerSec[i] ?? 0));
      errSum.push((errSum[errSum.length - 1] as number) + (errorsPerSec[i] ?? 0));
    }
    const rate = (from: number, to: number): { percent: number; requests: number } => {
      const req = (reqSum[to] as number) - (reqSum[from] as number);
      const err = (errSum[to] as number) - (errSum[from] as number);
      return { percent: req === 0 ? 0 : (err / req) * 100, requests: req };
    };
    for (let k = s.minBaselineSeconds; k + s.windowSeconds <= seconds.length; k++) {
      const before = rate(0, k);
      const after = rate(k, k + s.windowSeconds);
      if (
        before.percent >= s.baselinePercent ||
        after.percent < s.spikePercent ||
        after.requests < s.minRequests
      )
        continue;
      // The step starts at the window's first bad second, and lasts while seconds stay bad.
      let start = k;
      while (rate(start, start + 1).percent < s.spikePercent) start++;
      let end = start;
      while (end < seconds.length && rate(end, end + 1).percent >= s.spikePercent) end++;
      const during = rate(start, end);
      const range = seconds.slice(start, end);
      const finding: Finding = {
        id: 'errors.spike',
        severity: during.percent >= 50 ? 'critical' : 'warning',
        title: `Errors jumped from ${round(before.percent, 2)} % to ${round(during.percent, 1)} % for ${range.length} s`,
        evidence: {
          text: `After ${start} s at ${round(before.percent, 2)} % errors, the rate stepped up to ${round(during.percent, 1)} % and stayed there for ${range.length} s.`,
          figures: {
            baselineErrorPercent: round(before.percent, 3),
            spikeErrorPercent: round(during.percent, 3),
            spikeSeconds: range.length,
          },
          ...span(input, range),
        },
        cause:
          'A limit was reached at that moment: connection or pool exhaustion, file descriptors, a dependency tipping over, memory pressure.',
        fix: 'Read the target log and the server series at the spike start; raise the limit, or add a circuit breaker so the failure does not spread.',
        chart: 'throughput',
      };
      return [finding];
    }
    return [];
  },
};
