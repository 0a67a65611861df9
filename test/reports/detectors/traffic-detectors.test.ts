import { describe, expect, it } from 'vitest';
import { droppedIterations } from '../../../reports/analysis/detectors/dropped-iterations.js';
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

describe('load.dropped-iterations and generator.saturated: drops blamed on one side', () => {
  const executors = (maxVUs: number) => ({
    default: {
      executor: 'constant-arrival-rate' as const,
      rate: 600,
      timeUnit: 1000,
      duration: 30_000,
      preAllocatedVUs: 10,
      maxVUs,
    },
  });
  // 30 s at 600/s offered; drops from second 10 on, served `served`/s at `latencyMs` meanwhile.
  const overload = (opts: { maxVUs: number; served: number; latencyMs: number }) =>
    syntheticRun({
      seconds: 30,
      profileKind: 'constantRate',
      executors: executors(opts.maxVUs),
      latencies: (i) => Array.from({ length: 100 }, () => (i < 10 ? 2 : opts.latencyMs)),
      iterations: (i) => (i < 10 ? 600 : opts.served),
      dropped: (i) => (i < 10 ? 0 : 600 - opts.served),
      vusMax: (i) => (i < 10 ? 10 : opts.maxVUs),
    });

  it('a target whose latency grew as the pool filled is saturated: offered vs served', () => {
    const [f, ...rest] = runDetectors(overload({ maxVUs: 100, served: 465, latencyMs: 215 }));
    expect(rest.filter((x) => x.id.startsWith('generator.'))).toEqual([]);
    expect(f).toMatchObject({ id: 'target.saturated', severity: 'critical', chart: 'load' });
    expect(f?.title).toContain('~465/s of the ~600 iterations/s offered');
    expect(f?.evidence.figures).toMatchObject({
      offeredPerSec: 600,
      servedPerSec: 465,
      maxVUs: 100,
      allocatedVus: 100,
      baseP50Ms: 2,
      droppingP50Ms: 215,
    });
    expect(f?.evidence.text).toContain('the pool was full');
    expect((f?.evidence.toT ?? 0) - (f?.evidence.fromT ?? 0)).toBe(19);
  });

  it("a target that kept its latency while the pool ran out: raise maxVUs, by Little's law", () => {
    const input = overload({ maxVUs: 10, served: 500, latencyMs: 2 });
    const [f] = droppedIterations.detect(input, droppedIterations.defaults);
    expect(f).toMatchObject({ id: 'load.vu-pool-exhausted', severity: 'critical' });
    expect(f?.evidence.figures).toMatchObject({ offeredPerSec: 600, servedPerSec: 500 });
    // 600/s × 2 ms per iteration × 1.5 headroom.
    expect(f?.evidence.figures['suggestedMaxVUs']).toBe(2);
    expect(f?.fix).toContain('Raise maxVUs to about 2');
  });

  it('a generator that lagged takes the drops: one finding, never the target as well', () => {
    const input = overload({ maxVUs: 100, served: 465, latencyMs: 215 });
    input.run.meta.engineResult = {
      iterations: 14_600,
      interruptedIterations: 0,
      droppedIterations: 2_700,
      flowErrors: {},
      peakVus: 100,
      generator: {
        reliable: false,
        reasons: ['event-loop lag up to 240 ms'],
        maxEventLoopLagMs: 240,
        maxCpuPercent: 99,
        lateArrivals: 35,
        maxArrivalLagMs: 230,
      },
    };
    const findings = runDetectors(input).filter((f) => f.chart === 'load');
    expect(findings.map((f) => f.id)).toEqual(['generator.saturated']);
    expect(findings[0]?.severity).toBe('critical');
    expect(findings[0]?.evidence.text).toContain('event-loop lag up to 240 ms');
    expect(findings[0]?.evidence.figures['droppedIterations']).toBe(2_700);
  });

  it('stays quiet when every iteration started', () => {
    expect(
      droppedIterations.detect(syntheticRun({ seconds: 10 }), droppedIterations.defaults),
    ).toEqual([]);
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
        /^detectors\.latency\.p99: unknown detector; valid names: generator, load\.dropped-iterations, latency\.p99-tail/,
      ),
      'detectors.errors.rate.warnPct: unknown setting; valid: warnPercent, criticalPercent',
    ]);
  });
});
