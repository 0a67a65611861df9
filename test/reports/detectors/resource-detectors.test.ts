import { describe, expect, it } from 'vitest';
import { containerLimits } from '../../../reports/analysis/detectors/container-limits.js';
import { eventLoopSaturated } from '../../../reports/analysis/detectors/event-loop.js';
import {
  gcLatencySpikes,
  gcPressure,
} from '../../../reports/analysis/detectors/gc-latency-spikes.js';
import { memoryGrowth } from '../../../reports/analysis/detectors/memory-growth.js';
import { singleCoreSaturated } from '../../../reports/analysis/detectors/single-core-saturated.js';
import { seeded, syntheticRun } from './synthetic-run.js';

const MB = 1e6;

describe('memory.linear-growth', () => {
  const noise = seeded(3);
  const heap = (
    fn: (i: number) => number,
    extra: Record<string, (i: number) => number | null> = {},
  ) =>
    memoryGrowth.detect(
      syntheticRun({ seconds: 120, server: { 'node.heap_used_bytes': fn, ...extra } }),
      memoryGrowth.defaults,
    );

  it('fires on a steady climb, with MB/min and the fit', () => {
    const [f] = heap((i) => 50 * MB + i * 0.5 * MB + noise() * 2 * MB);
    expect(f?.id).toBe('memory.linear-growth');
    expect(f?.evidence.figures['mbPerMinute']).toBeGreaterThan(25);
    expect(f?.evidence.figures['mbPerMinute']).toBeLessThan(35);
    expect(f?.evidence.figures['fitR2']).toBeGreaterThan(0.9);
  });

  it('does not fire on a GC sawtooth that returns to its baseline', () => {
    expect(heap((i) => 50 * MB + (i % 20) * 3 * MB)).toEqual([]);
  });

  it('fires on a sawtooth whose floor rises (a leak under GC)', () => {
    expect(heap((i) => 50 * MB + (i % 20) * 3 * MB + i * 0.4 * MB)).toHaveLength(1);
  });

  it('does not fire on noise around a flat line', () => {
    expect(heap(() => 80 * MB + noise() * 4 * MB)).toEqual([]);
  });

  it('projects the time to the heap limit and turns critical when it is near', () => {
    const [f] = heap((i) => 100 * MB + i * 1 * MB, { 'node.heap_limit_bytes': () => 400 * MB });
    expect(f?.severity).toBe('critical');
    // 180 MB of headroom at 1 MB/s: three minutes.
    expect(f?.evidence.figures['hoursToLimit']).toBeCloseTo(0.05, 2);
    expect(f?.evidence.text).toMatch(/reaches its limit of 400 MB in 0.1 h/);
  });

  it('does not count memory that follows a rising load (a ramp): only steady load', () => {
    const ramping = syntheticRun({
      seconds: 120,
      vus: (i) => i + 1,
      server: { 'node.heap_used_bytes': (i) => 50 * MB + i * MB },
    });
    expect(memoryGrowth.detect(ramping, memoryGrowth.defaults)).toEqual([]);
  });

  it('ignores growth confined to the warm-up', () => {
    expect(heap((i) => (i < 15 ? 20 * MB + i * 3 * MB : 65 * MB + noise() * MB))).toEqual([]);
  });
});

describe('cpu.single-core-saturated', () => {
  const cpu = (percent: number, cpus: number) =>
    singleCoreSaturated.detect(
      syntheticRun({ seconds: 30, cpus, server: { 'process.cpu_percent': () => percent } }),
      singleCoreSaturated.defaults,
    );

  it('fires when one core is pegged while the host has more', () => {
    const [f] = cpu(99, 4);
    expect(f?.id).toBe('cpu.single-core-saturated');
    expect(f?.evidence.figures).toMatchObject({ busySeconds: 30, hostCores: 4 });
  });

  it('also fires on a Node target whose event loop has no idle time (a shared core)', () => {
    const input = syntheticRun({
      seconds: 30,
      cpus: 2,
      server: { 'process.cpu_percent': () => 50, 'node.event_loop_utilization_percent': () => 100 },
    });
    expect(
      singleCoreSaturated.detect(input, singleCoreSaturated.defaults)[0]?.evidence.figures,
    ).toMatchObject({ medianLoopUtilisationPercent: 100 });
  });

  it('stays quiet on a one-core host, at moderate CPU, and when all cores are busy', () => {
    expect(cpu(99, 1)).toEqual([]);
    expect(cpu(60, 4)).toEqual([]);
    expect(cpu(195, 2)).toEqual([]);
  });
});

describe('eventloop', () => {
  const loop = (delayMs: (i: number) => number, elu = 40) =>
    eventLoopSaturated.detect(
      syntheticRun({
        seconds: 30,
        server: {
          'node.event_loop_delay_p99_ms': delayMs,
          'node.event_loop_utilization_percent': () => elu,
        },
      }),
      eventLoopSaturated.defaults,
    );

  it('warns when p99 delay is over the 50 ms budget, critical far over it', () => {
    expect(loop((i) => (i >= 10 && i < 20 ? 120 : 5))[0]).toMatchObject({
      id: 'eventloop.delay',
      severity: 'warning',
    });
    expect(loop(() => 320)[0]?.severity).toBe('critical');
  });

  it('flags utilisation near 100 %', () => {
    expect(loop(() => 5, 99).map((f) => f.id)).toEqual(['eventloop.utilisation']);
  });

  it('stays quiet for a healthy loop, and for a single slow second', () => {
    expect(loop(() => 8)).toEqual([]);
    expect(loop((i) => (i === 3 ? 400 : 8))).toEqual([]);
  });
});

describe('gc.latency-spikes', () => {
  const spikeAt = new Set([5, 19, 33, 47, 61, 75, 89, 103]);
  const run = (gcDuringSpikes: boolean) =>
    syntheticRun({
      seconds: 120,
      latencies: (i) => Array.from({ length: 100 }, (_, k) => (spikeAt.has(i) && k < 5 ? 80 : 10)),
      server: { 'node.gc_pause_ms': (i) => (spikeAt.has(i) === gcDuringSpikes ? 40 : 1) },
    });

  it('fires when latency spikes coincide with GC pauses', () => {
    const [f] = gcLatencySpikes.detect(run(true), gcLatencySpikes.defaults);
    expect(f?.evidence.figures).toMatchObject({ spikeSeconds: 8, spikesWithGc: 8 });
    expect(f?.evidence.figures['pValue']).toBeLessThan(1e-4);
  });

  it('stays quiet when the pauses fall elsewhere', () => {
    const quietGc = syntheticRun({
      seconds: 120,
      latencies: (i) => Array.from({ length: 100 }, (_, k) => (spikeAt.has(i) && k < 5 ? 80 : 10)),
      server: {
        'node.gc_pause_ms': (i) =>
          i % 2 === 0 && !spikeAt.has(i) && !spikeAt.has(i - 1) && !spikeAt.has(i + 1) ? 40 : 1,
      },
    });
    expect(gcLatencySpikes.detect(quietGc, gcLatencySpikes.defaults)).toEqual([]);
  });

  it('stays quiet when the process pauses for GC every second: spikes cannot beat chance', () => {
    const busyGc = syntheticRun({
      seconds: 120,
      latencies: (i) => Array.from({ length: 100 }, (_, k) => (spikeAt.has(i) && k < 5 ? 80 : 10)),
      server: { 'node.gc_pause_ms': () => 30 },
    });
    expect(gcLatencySpikes.detect(busyGc, gcLatencySpikes.defaults)).toEqual([]);
  });
});

describe('gc.pressure', () => {
  const pressure = (pauseMs: number) =>
    gcPressure.detect(
      syntheticRun({ seconds: 20, server: { 'node.gc_pause_ms': () => pauseMs } }),
      gcPressure.defaults,
    );

  it('warns when GC takes over 10 % of each second, critical over 25 %', () => {
    expect(pressure(150)[0]).toMatchObject({ id: 'gc.pressure', severity: 'warning' });
    expect(pressure(300)[0]?.severity).toBe('critical');
    expect(pressure(30)).toEqual([]);
  });
});

describe('container limits', () => {
  const docker = (throttled: number, memoryPercent: number) =>
    containerLimits.detect(
      syntheticRun({
        seconds: 20,
        server: {
          'docker.api.throttled_percent': () => throttled,
          'docker.api.memory_limit_percent': () => memoryPercent,
        },
      }),
      containerLimits.defaults,
    );

  it('flags CPU throttling and memory near the limit, per container', () => {
    const findings = docker(45, 93);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['container.cpu-throttled', 'warning'],
      ['container.memory-near-limit', 'critical'],
    ]);
    expect(findings[0]?.title).toContain('api');
  });

  it('warns between 80 and 90 % of the memory limit; quiet below', () => {
    expect(docker(0, 85).map((f) => f.severity)).toEqual(['warning']);
    expect(docker(5, 50)).toEqual([]);
  });
});
