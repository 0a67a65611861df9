import type { Detector } from './detector.js';

/**
 * The generator could not keep its schedule (its event loop lagged, its CPU was saturated, or
 * arrivals started late): every other figure then partly measures loadrig itself. Reported
 * first, before anything is read into the latencies; iterations dropped meanwhile are counted
 * here and blamed on the generator, not on the target (`load.dropped-iterations` stays silent).
 */
export const generatorSaturated: Detector<Record<string, never>> = {
  describes: 'a saturated load generator (event-loop lag, CPU, late arrivals): results unreliable',
  defaults: {},
  detect(input) {
    const generator = input.run.meta.engineResult?.generator;
    if (!generator || generator.reliable) return [];
    const dropped = input.summary.metrics['dropped_iterations'];
    const droppedCount = dropped?.kind === 'counter' ? dropped.count : 0;
    const drops =
      droppedCount > 0
        ? ` ${droppedCount} arrivals were dropped meanwhile: with the generator behind, they say nothing about the target.`
        : '';
    return [
      {
        id: 'generator.saturated',
        severity: 'critical',
        title: 'The load generator could not keep its schedule: results are unreliable',
        evidence: {
          text: `${generator.reasons.join('; ') || 'the engine flagged its own schedule as missed'}. The target may have been fine: the delays were in the generator.${drops}`,
          figures: {
            maxEventLoopLagMs: generator.maxEventLoopLagMs,
            maxCpuPercent: generator.maxCpuPercent,
            lateArrivals: generator.lateArrivals,
            maxArrivalLagMs: generator.maxArrivalLagMs,
            ...(droppedCount > 0 ? { droppedIterations: droppedCount } : {}),
          },
        },
        cause:
          'The generator process itself was the bottleneck (event-loop lag or CPU), not the target.',
        fix: 'Give the generator more cores (workers, segments) or a machine of its own, lighten the flow, then rerun.',
        chart: 'load',
      },
    ];
  },
};
