import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { formatPercent } from '../../render/format.js';
import { flowErrorRows, iterationCount } from '../flow-errors.js';
import type { Detector } from './detector.js';
import { round } from './run-facts.js';

/** The flow throwing in more than a small share of its iterations. */
export const flowErrors: Detector<{ warnPercent: number; criticalPercent: number }> = {
  describes: 'flow exceptions above 1 % of iterations',
  defaults: { warnPercent: 1, criticalPercent: 5 },
  detect(input, s) {
    const rows = flowErrorRows(input.run, input.summary);
    const count = rows.reduce((n, r) => n + r.count, 0);
    if (count === 0) return [];
    const iterations = iterationCount(input.run, input.summary);
    const share = iterations > 0 ? Math.min(1, count / iterations) : 1;
    if (share * 100 <= s.warnPercent) return [];
    const seconds = secondsWithFlowErrors(input.run.client);
    const top = rows
      .slice(0, 3)
      .map(
        (r) =>
          `"${r.message}"${r.location ? ` at ${r.location}` : ''} (${r.count}×, ${formatPercent(r.share)})`,
      );
    return [
      {
        id: 'errors.flow',
        severity: share * 100 > s.criticalPercent ? 'critical' : 'warning',
        title: `The flow threw in ${formatPercent(share)} of iterations (${count} of ${iterations})`,
        evidence: {
          text: `${count} iterations ended in an exception, ${rows.length} distinct message(s); most often ${top.join('; ')}.`,
          figures: {
            flowErrors: count,
            iterations,
            flowErrorPercent: round(share * 100, 3),
            distinctMessages: rows.length,
          },
          ...(seconds.length > 0 ? { fromT: Math.min(...seconds), toT: Math.max(...seconds) } : {}),
        },
        cause:
          'The flow itself fails: it reads a field the response does not have, parses an error page as JSON, calls a helper that breaks, or meets an answer it does not expect. The figures of the failed iterations measure the flow, not the target.',
        fix: "Read the flow errors table (message, file:line): check the status before reading the body, handle the failing case, or fix the target if its answers changed. Hold it with a threshold: flow_errors: ['count==0'].",
        chart: 'load',
      },
    ];
  },
};

function secondsWithFlowErrors(buckets: readonly ClientBucket[]): number[] {
  const out: number[] = [];
  for (const b of buckets) {
    if ((b.metrics['flow_errors'] ?? []).some((s) => s.kind === 'counter' && s.value > 0)) {
      out.push(b.t);
    }
  }
  return out;
}
