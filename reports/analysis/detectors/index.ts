import type { Finding } from '../../model/finding.js';
import { containerLimits } from './container-limits.js';
import { coordinatedOmissionRisk } from './coordinated-omission.js';
import type { Detector, DetectorInput, DetectorOverrides } from './detector.js';

export type { DetectorOverrides } from './detector.js';
import { droppedIterations } from './dropped-iterations.js';
import { errorRate, errorSpike } from './errors.js';
import { eventLoopSaturated } from './event-loop.js';
import { flowErrors } from './flow-errors.js';
import { gcLatencySpikes, gcPressure } from './gc-latency-spikes.js';
import { generatorSaturated } from './generator-saturated.js';
import { latencyGrowsWithLoad } from './latency-grows-with-load.js';
import { memoryGrowth } from './memory-growth.js';
import { periodicBlock } from './periodic-block.js';
import { singleCoreSaturated } from './single-core-saturated.js';
import { maxVsAverage, p95VsAverage, p99Tail } from './tail-latency.js';
import { throughputDecline } from './throughput-decline.js';
import { throughputPlateau } from './throughput-plateau.js';

/** Every detector by name, in report order: the generator's own health first. */
export const detectors = {
  generator: generatorSaturated,
  'load.dropped-iterations': droppedIterations,
  'latency.p99-tail': p99Tail,
  'latency.p95-vs-average': p95VsAverage,
  'latency.max-outlier': maxVsAverage,
  'latency.grows-with-load': latencyGrowsWithLoad,
  'memory.linear-growth': memoryGrowth,
  'cpu.single-core': singleCoreSaturated,
  'errors.rate': errorRate,
  'errors.spike': errorSpike,
  'errors.flow': flowErrors,
  'throughput.plateau': throughputPlateau,
  'throughput.declining': throughputDecline,
  eventloop: eventLoopSaturated,
  'eventloop.periodic-block': periodicBlock,
  'gc.latency-spikes': gcLatencySpikes,
  'gc.pressure': gcPressure,
  'model.coordinated-omission': coordinatedOmissionRisk,
  container: containerLimits,
} satisfies Record<string, Detector>;

export type DetectorName = keyof typeof detectors;

/**
 * Runs every detector with its defaults, overridden per scenario. A detector that throws is a
 * bug in loadrig; it becomes an info finding rather than costing the user the whole report.
 */
export function runDetectors(input: DetectorInput, overrides: DetectorOverrides = {}): Finding[] {
  const findings: Finding[] = [];
  for (const [name, detector] of Object.entries(detectors) as [string, Detector][]) {
    const override = overrides[name];
    if (override === false) continue;
    try {
      findings.push(...detector.detect(input, { ...detector.defaults, ...(override ?? {}) }));
    } catch (e) {
      findings.push({
        id: `internal.${name}`,
        severity: 'info',
        title: `Detector ${name} failed on this run`,
        evidence: { text: e instanceof Error ? e.message : String(e), figures: {} },
        cause: 'A loadrig bug.',
        fix: 'Please report it with this run directory.',
        chart: 'latency',
      });
    }
  }
  return findings;
}

/** Names a scenario's `detectors` overrides may use, with each one's settings. */
export function unknownDetectorOverrides(overrides: DetectorOverrides): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(overrides)) {
    const detector = (detectors as Record<string, Detector | undefined>)[name];
    if (!detector) {
      problems.push(
        `detectors.${name}: unknown detector; valid names: ${Object.keys(detectors).join(', ')}`,
      );
      continue;
    }
    if (value === false) continue;
    for (const key of Object.keys(value)) {
      if (!(key in detector.defaults)) {
        problems.push(
          `detectors.${name}.${key}: unknown setting; valid: ${Object.keys(detector.defaults).join(', ')}`,
        );
      }
    }
  }
  return problems;
}
