import type { Finding } from '../../model/finding.js';
import type { Detector } from './detector.js';
import { round, span } from './run-facts.js';

/**
 * Dropped iterations mean the schedule was not kept: every other figure then describes less
 * load than was asked for. Reported first, before anything is read into the latencies.
 */
export const generatorSaturated: Detector<{
  warnDropPercent: number;
  criticalDropPercent: number;
}> = {
  describes: 'dropped iterations or a saturated load generator: results unreliable',
  defaults: { warnDropPercent: 0, criticalDropPercent: 1 },
  detect(input, s) {
    const findings: Finding[] = [];
    const dropped = input.summary.metrics['dropped_iterations'];
    const iterations = input.summary.metrics['iterations'];
    const droppedCount = dropped?.kind === 'counter' ? dropped.count : 0;
    const done = iterations?.kind === 'counter' ? iterations.count : 0;
    const dropPercent =
      droppedCount + done === 0 ? 0 : (droppedCount / (droppedCount + done)) * 100;
    if (droppedCount > 0 && dropPercent > s.warnDropPercent) {
      const seconds = input.timeline.droppedPerSec.flatMap((d, i) => ((d ?? 0) > 0 ? [i] : []));
      findings.push({
        id: 'generator.dropped-iterations',
        severity: dropPercent > s.criticalDropPercent ? 'critical' : 'warning',
        title: `${droppedCount} iterations dropped (${round(dropPercent)} % of the schedule): results are unreliable`,
        evidence: {
          text: `${droppedCount} scheduled iterations found no free VU in ${seconds.length} s; the target saw less load than the scenario asked for, so latency and throughput understate the problem.`,
          figures: {
            droppedIterations: droppedCount,
            iterations: done,
            dropPercent: round(dropPercent),
          },
          ...span(input, seconds),
        },
        cause:
          'Responses got slower than the VU pool allows (maxVUs too low for the latency), or the load generator itself ran out of CPU.',
        fix: 'Raise maxVUs/preAllocatedVUs, run the generator on more cores (workers or segments), and rerun before reading the other figures.',
        chart: 'load',
      });
    }
    const generator = input.run.meta.engineResult?.generator;
    if (generator && !generator.reliable) {
      findings.push({
        id: 'generator.saturated',
        severity: 'critical',
        title: 'The load generator could not keep its schedule: results are unreliable',
        evidence: {
          text: `${generator.reasons.join('; ') || 'the engine flagged its own schedule as missed'}. The target may have been fine: the delays were in the generator.`,
          figures: {
            maxEventLoopLagMs: generator.maxEventLoopLagMs,
            maxCpuPercent: generator.maxCpuPercent,
            lateArrivals: generator.lateArrivals,
            maxArrivalLagMs: generator.maxArrivalLagMs,
          },
        },
        cause:
          'The generator process itself was the bottleneck (event-loop lag or CPU), not the target.',
        fix: 'Give the generator more cores (workers, segments) or a machine of its own, lighten the flow, then rerun.',
        chart: 'load',
      });
    }
    return findings;
  },
};
