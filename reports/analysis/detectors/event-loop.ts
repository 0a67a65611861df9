import { median } from 'simple-statistics';
import type { Finding } from '../../model/finding.js';
import { formatMs } from '../../render/format.js';
import type { Detector } from './detector.js';
import { loadedSeconds, round, seriesEnding, span } from './run-facts.js';

/**
 * Node's event loop is the request path: a p99 delay above budget means every request waited
 * that long before any of its code ran; utilisation near 100 % means no headroom at all.
 */
export const eventLoopSaturated: Detector<{
  budgetMs: number;
  criticalMs: number;
  maxUtilisationPercent: number;
  minShare: number;
  minSeconds: number;
}> = {
  describes: 'event-loop delay above budget (p99 > 50 ms) or utilisation near 100 %',
  defaults: {
    budgetMs: 50,
    criticalMs: 200,
    maxUtilisationPercent: 95,
    minShare: 0.1,
    minSeconds: 3,
  },
  detect(input, s) {
    const loaded = loadedSeconds(input);
    const findings: Finding[] = [];
    const delay = seriesEnding(input, 'event_loop_delay_p99_ms')[0];
    if (delay) {
      const measured = loaded.filter(
        (i) => delay.values[i] !== null && delay.values[i] !== undefined,
      );
      const over = measured.filter((i) => (delay.values[i] as number) > s.budgetMs);
      if (over.length >= s.minSeconds && over.length >= measured.length * s.minShare) {
        const worst = Math.max(...over.map((i) => delay.values[i] as number));
        const typical = median(over.map((i) => delay.values[i] as number));
        findings.push({
          id: 'eventloop.delay',
          severity: typical > s.criticalMs ? 'critical' : 'warning',
          title: `Event-loop delay p99 above ${s.budgetMs} ms in ${over.length} s (up to ${formatMs(worst)})`,
          evidence: {
            text: `In ${over.length} of ${measured.length} loaded seconds the event loop's p99 delay exceeded the ${s.budgetMs} ms budget (median ${formatMs(typical)} in those seconds): requests waited that long before their code ran.`,
            figures: {
              secondsOverBudget: over.length,
              medianDelayMs: round(typical, 1),
              maxDelayMs: round(worst, 1),
              budgetMs: s.budgetMs,
            },
            ...span(input, over),
          },
          cause:
            'Synchronous work blocks the event loop: CPU-heavy code, sync I/O, large JSON parse/stringify, a regex backtracking.',
          fix: 'Profile the target (node --cpu-prof) in those seconds; move the blocking work to a worker thread or split it into chunks.',
          chart: 'server',
        });
      }
    }
    const elu = seriesEnding(input, 'event_loop_utilization_percent')[0];
    if (elu) {
      const measured = loaded.filter((i) => elu.values[i] !== null && elu.values[i] !== undefined);
      const full = measured.filter((i) => (elu.values[i] as number) >= s.maxUtilisationPercent);
      if (full.length >= s.minSeconds && full.length >= measured.length * s.minShare * 2) {
        findings.push({
          id: 'eventloop.utilisation',
          severity: 'warning',
          title: `Event loop ≥ ${s.maxUtilisationPercent} % busy in ${full.length} of ${measured.length} s`,
          evidence: {
            text: `The event loop had no idle time left in ${full.length} loaded seconds: any extra request queues.`,
            figures: { saturatedSeconds: full.length, measuredSeconds: measured.length },
            ...span(input, full),
          },
          cause: 'The process is at its single-thread capacity.',
          fix: 'Scale out (more processes or replicas) or cut per-request CPU; this is the capacity limit of one instance.',
          chart: 'server',
        });
      }
    }
    return findings;
  },
};
