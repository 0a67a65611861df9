import { describe, expect, it } from 'vitest';
import { errorRate, errorSpike } from '../../../reports/analysis/detectors/errors.js';
import { generatorSaturated } from '../../../reports/analysis/detectors/generator-saturated.js';
import {
  runDetectors,
  unknownDetectorOverrides,
} from '../../../reports/analysis/detectors/index.js';
import { throughputDecline } from '../../../reports/analysis/detectors/throughput-decline.js';
import { throughputPlateau } from '../../../reports/analysis/detectors/throughput-plateau.js';
import { seeded, syntheticRun, withTail } from './synthetic-run.js';

const noise = seeded(11);
const requests = (n: number) => Array.from({ length: Math.max(0, Math.round(n)) }, () => 20);

describe('generator.dropped-iterations', () => {
  it('is critical when more than 1 % of the schedule was dropped, and names the seconds', () => {
    const input = syntheticRun({
      seconds: 10,
      profileKind: 'constantRate',
      dropped: (i) => (i >= 6 ? 5 : 0),
    });
    const [f] = generatorSaturated.detect(input, generatorSaturated.defaults);
    expect(f).toMatchObject({ id: 'generator.dropped-iterations', severity: 'critical' });
    expect(f?.evidence.figures['droppedIterations']).toBe(20);
    expect((f?.evidence.toT ?? 0) - (f?.evidence.fromT ?? 0)).toBe(3);
  });

  it('reports the engine flagging its own schedule as missed, first and critical', () => {
    const input = syntheticRun({ seconds: 10 });
    input.run.meta.engineResult = {
      iterations: 100,
      interruptedIterations: 0,
      droppedIterations: 0,
      flowErrors: {},
      peakVus: 10,
      generator: {
        reliable: false,
        reasons: ['event-loop lag up to 240 ms'],
        maxEventLoopLagMs: 240,
        maxCpuPercent: 99,
        lateArrivals: 35,
        maxArrivalLagMs: 230,
      },
    };
    const [f] = runDetectors(input);
    expect(f).toMatchObject({ id: 'generator.saturated', severity: 'critical' });
    expect(f?.evidence.text).toContain('event-loop lag up to 240 ms');
  });

  it('stays quiet when every iteration started', () => {
    expect(
      generatorSaturated.detect(syntheticRun({ seconds: 10 }), generatorSaturated.defaults),
    ).toEqual([]);
  });
});

describe('errors', () => {
  it('errors.rate warns above 1 % and is critical above 5 %', () => {
    const at = (failedPer100: number) =>
      errorRate.detect(
        syntheticRun({ seconds: 10, failed: () => failedPer100 }),
        errorRate.defaults,
      );
    expect(at(2)[0]?.severity).toBe('warning');
    expect(at(10)[0]?.severity).toBe('critical');
    expect(at(1)).toEqual([]);
  });

  it('errors.spike finds the step and its duration', () => {
    const input = syntheticRun({ seconds: 30, failed: (i) => (i >= 20 && i < 25 ? 30 : 0) });
    const [f] = errorSpike.detect(input, errorSpike.defaults);
    expect(f?.id).toBe('errors.spike');
    expect(f?.evidence.figures).toMatchObject({
      baselineErrorPercent: 0,
      spikeErrorPercent: 30,
      spikeSeconds: 5,
    });
    expect(f?.evidence.fromT).toBe(input.timeline.t[20]);
  });

  it('errors.spike ignores a steady low error rate and a single bad second', () => {
    expect(
      errorSpike.detect(
        syntheticRun({ seconds: 30, failed: (i) => (i % 3 === 0 ? 1 : 0) }),
        errorSpike.defaults,
      ),
    ).toEqual([]);
    expect(
      errorSpike.detect(
        syntheticRun({ seconds: 30, failed: (i) => (i === 15 ? 12 : 0) }),
        errorSpike.defaults,
      ),
    ).toEqual([]);
  });
});

describe('throughput.plateau', () => {
  it('finds the knee where VUs keep rising and req/s stops', () => {
    const input = syntheticRun({
      seconds: 40,
      vus: (i) => i + 1,
      latencies: (i) => requests(Math.min((i + 1) * 50, 1000) * (0.98 + noise() * 0.04)),
    });
    const [f] = throughputPlateau.detect(input, throughputPlateau.defaults);
    expect(f?.id).toBe('throughput.plateau');
    expect(f?.evidence.figures['kneeVus']).toBeGreaterThanOrEqual(19);
    expect(f?.evidence.figures['kneeVus']).toBeLessThanOrEqual(22);
  });

  it('stays quiet while throughput keeps scaling', () => {
    const input = syntheticRun({
      seconds: 40,
      vus: (i) => i + 1,
      latencies: (i) => requests((i + 1) * 30),
    });
    expect(throughputPlateau.detect(input, throughputPlateau.defaults)).toEqual([]);
  });
});

describe('throughput.declining', () => {
  it('fires when req/s falls at a steady VU count', () => {
    const input = syntheticRun({
      seconds: 60,
      vus: () => 20,
      latencies: (i) => requests(1000 - i * 6 + noise() * 20),
    });
    const [f] = throughputDecline.detect(input, throughputDecline.defaults);
    expect(f?.id).toBe('throughput.declining');
    expect(f?.evidence.figures['dropPercent']).toBeGreaterThan(25);
  });

  it('does not fire on noise around a steady rate', () => {
    const input = syntheticRun({
      seconds: 60,
      vus: () => 20,
      latencies: () => requests(1000 + (noise() - 0.5) * 80),
    });
    expect(throughputDecline.detect(input, throughputDecline.defaults)).toEqual([]);
  });
});

describe('runDetectors', () => {
  const unhealthy = () =>
    syntheticRun({ seconds: 10, latencies: () => withTail(600, 10, 80, 0.02), failed: () => 18 });

  it('runs every detector and returns findings with evidence, cause, fix and chart', () => {
    const findings = runDetectors(unhealthy());
    expect(findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['latency.p99-tail', 'errors.rate']),
    );
    for (const f of findings) {
      expect(f.cause.length).toBeGreaterThan(10);
      expect(f.fix.length).toBeGreaterThan(10);
      expect(f.evidence.text.length).toBeGreaterThan(10);
    }
  });

  it('applies per-scenario overrides: settings, or false to turn a detector off', () => {
    const ids = (overrides: Parameters<typeof runDetectors>[1]) =>
      runDetectors(unhealthy(), overrides).map((f) => f.id);
    expect(ids({ 'latency.p99-tail': false })).not.toContain('latency.p99-tail');
    expect(ids({ 'errors.rate': { warnPercent: 5 } })).not.toContain('errors.rate');
  });

  it('a healthy run yields no warning or critical finding', () => {
    const healthy = syntheticRun({
      seconds: 30,
      vus: (i) => Math.min(i + 1, 10),
      latencies: () => Array.from({ length: 100 }, () => 20 + noise() * 2),
      server: {
        'process.cpu_percent': () => 15,
        'node.heap_used_bytes': (i) => 40e6 + (i % 10) * 1e6,
      },
    });
    expect(runDetectors(healthy).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('names unknown detectors and settings in overrides', () => {
    expect(
      unknownDetectorOverrides({ 'latency.p99': false, 'errors.rate': { warnPct: 1 } }),
    ).toEqual([
      expect.stringMatching(
        /^detectors\.latency\.p99: unknown detector; valid names: generator, latency\.p99-tail/,
      ),
      'detectors.errors.rate.warnPct: unknown setting; valid: warnPercent, criticalPercent',
    ]);
  });
});
