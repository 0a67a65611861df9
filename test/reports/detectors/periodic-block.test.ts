import { describe, expect, it } from 'vitest';
import { periodicBlock } from '../../../reports/analysis/detectors/periodic-block.js';
import { seeded, syntheticRun, type SyntheticSpec } from './synthetic-run.js';

const detect = (spec: SyntheticSpec, over: Partial<typeof periodicBlock.defaults> = {}) =>
  periodicBlock.detect(syntheticRun(spec), { ...periodicBlock.defaults, ...over });

/** The stall meter's longest stall per second: `blockMs` in the seconds `blocked(i)`, else small. */
const meter = (blocked: (i: number) => boolean, blockMs = 300, noise = seeded(7)) => ({
  'node.event_loop_block_max_ms': (i: number) => (blocked(i) ? blockMs + noise() * 10 : 0),
  'node.event_loop_blocked_ms': (i: number) => (blocked(i) ? blockMs + 12 : 0),
});

/** 100 requests a second around 5 ms; in `stalled(i)` seconds the first `hit` waited `stallMs`. */
const latencies =
  (stalled: (i: number) => boolean, stallMs = 300, hit = 8, noise = seeded(11)) =>
  (i: number) =>
    Array.from({ length: 100 }, (_, k) =>
      stalled(i) && k < hit ? stallMs - k * 20 : 4 + noise() * 3,
    );

describe('eventloop.periodic-block from the agent stall meter', () => {
  it('fires on a 300 ms block every 3 s, with its length, period, count and time range', () => {
    const [f, ...rest] = detect({ seconds: 60, server: meter((i) => i % 3 === 1) });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      id: 'eventloop.periodic-block',
      severity: 'warning',
      chart: 'server',
    });
    expect(f?.title).toMatch(/^Event loop blocked ~30\dms every ~3 s \(20 times\)$/);
    expect(f?.evidence.figures).toMatchObject({ periodSec: 3, blocks: 20, regularIntervals: 19 });
    expect(f?.evidence.figures['blockMs']).toBeCloseTo(305, -1);
    expect(f?.evidence.figures['blockedMsPerBlock']).toBe(312);
    expect(f?.evidence.figures['pValue']).toBe(0.002); // none of 499 random rearrangements
    expect(f?.evidence.figures['phaseJitterSec']).toBe(0);
    expect(f?.evidence.fromT).toBe(1_700_000_001);
    expect(f?.evidence.toT).toBe(1_700_000_058);
    expect(f?.fix).toMatch(/every ~3 s/);
  });

  it('reads a period that is not a whole number of seconds (2, 3, 2, 3 s apart)', () => {
    const [f] = detect({ seconds: 60, server: meter((i) => i % 5 === 0 || i % 5 === 2) });
    expect(f?.evidence.figures['periodSec']).toBeCloseTo(2.5, 1);
  });

  it('keeps the period through a beat the meter did not see, and past a smaller stray stall', () => {
    const beats = (i: number) => i % 4 === 2 && i !== 22;
    const [f] = detect({
      seconds: 80,
      server: {
        'node.event_loop_block_max_ms': (i) => (beats(i) ? 200 : i === 31 ? 70 : 0),
      },
    });
    expect(f?.evidence.figures['periodSec']).toBeCloseTo(4, 1);
    expect(f?.evidence.figures['blocks']).toBe(19);
  });

  it('is critical for blocks of half a second or more', () => {
    expect(detect({ seconds: 60, server: meter((i) => i % 4 === 0, 800) })[0]?.severity).toBe(
      'critical',
    );
  });

  it('needs a handful of blocks: four are not enough by default, a setting can say otherwise', () => {
    const spec = { seconds: 30, server: meter((i) => i % 6 === 3 && i < 24) };
    expect(detect(spec)).toEqual([]);
    expect(detect(spec, { minBlocks: 4, maxPValue: 0.05 })).toHaveLength(1);
  });

  it('on a long run, tests the first few hundred stalls and reports them all', () => {
    const [f] = detect({
      seconds: 2400,
      latencies: () => [5],
      server: meter((i) => i % 3 === 1),
    });
    expect(f?.evidence.figures).toMatchObject({ blocks: 800, periodSec: 3, pValue: 0.002 });
    expect(f?.evidence.toT).toBe(1_700_000_000 + 2398);
  });

  it('prefers the agent: no client-latency reading when the stall meter saw nothing', () => {
    const spec = {
      seconds: 60,
      server: meter(() => false),
      latencies: latencies((i) => i % 3 === 0),
    };
    expect(detect(spec)).toEqual([]);
  });

  it('stays silent on a healthy run: small stalls only', () => {
    const noise = seeded(5);
    const spec = {
      seconds: 120,
      server: { 'node.event_loop_block_max_ms': () => (noise() < 0.2 ? 10 + noise() * 25 : 0) },
    };
    expect(detect(spec)).toEqual([]);
  });

  it('stays silent on blocks that follow the traffic: a stall in every second', () => {
    const noise = seeded(9);
    const spec = { seconds: 60, server: meter(() => noise() < 0.95, 100) };
    expect(detect(spec)).toEqual([]);
  });

  it('stays silent on stalls the GC accounts for, even at a regular period', () => {
    const gcEvery14 = (i: number) => i % 14 === 5;
    const spec = {
      seconds: 120,
      server: {
        ...meter(gcEvery14, 80),
        'node.gc_pause_ms': (i: number) => (gcEvery14(i) ? 75 : 1),
      },
    };
    expect(detect(spec)).toEqual([]);
  });

  it('stays silent on stalls at random moments, whatever the seed', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const noise = seeded(seed);
      const at = new Set(Array.from({ length: 12 }, () => Math.floor(noise() * 120)));
      const spec = { seconds: 120, server: meter((i) => at.has(i), 250, seeded(seed + 100)) };
      expect(detect(spec), `seed ${seed}`).toEqual([]);
    }
  });
});

describe('eventloop.periodic-block from client latency alone (no agent)', () => {
  it('fires on latency spikes of similar height at a regular period', () => {
    const [f] = detect({ seconds: 60, latencies: latencies((i) => i % 4 === 2) });
    expect(f).toMatchObject({ id: 'eventloop.periodic-block', chart: 'latency' });
    expect(f?.title).toMatch(/^Requests stalled ~300ms every ~4 s \(15 times\)/);
    expect(f?.evidence.text).toMatch(/client latency alone/);
    expect(f?.evidence.figures['typicalMaxLatencyMs']).toBeLessThan(8);
    expect(f?.evidence.figures['blockedMsPerBlock']).toBeUndefined();
  });

  it('stays silent on a healthy run, and on a noisy one', () => {
    expect(detect({ seconds: 120, latencies: latencies(() => false) })).toEqual([]);
    for (let seed = 1; seed <= 25; seed++) {
      const noise = seeded(seed);
      // Heavy-tailed latency: a few slow requests in most seconds, now and then a very slow one.
      const spec = {
        seconds: 120,
        latencies: () =>
          Array.from({ length: 50 }, () =>
            noise() < 0.02 ? 20 + noise() ** 4 * 600 : 5 + noise() * 10,
          ),
      };
      expect(detect(spec), `seed ${seed}`).toEqual([]);
    }
  });

  it('stays silent on GC spikes: at random seconds, or regular ones the GC series explains', () => {
    const noise = seeded(3);
    const random = new Set(Array.from({ length: 10 }, () => Math.floor(noise() * 120)));
    expect(detect({ seconds: 120, latencies: latencies((i) => random.has(i), 120) })).toEqual([]);
    const every14 = (i: number) => i % 14 === 5;
    const explained = {
      seconds: 120,
      latencies: latencies(every14, 80),
      server: { 'node.gc_pause_ms': (i: number) => (every14(i) ? 60 : 1) },
    };
    expect(detect(explained)).toEqual([]);
  });

  it('stays silent on regular spikes of very different heights', () => {
    const heights = [60, 400, 90, 700, 150, 55, 500, 80, 300, 65, 900, 70, 450, 100, 350];
    const spike = (i: number) => heights[Math.floor(i / 4)] ?? 0;
    const spec = {
      seconds: 60,
      latencies: (i: number) =>
        Array.from({ length: 100 }, (_, k) => (i % 4 === 2 && k < 3 ? spike(i) : 5)),
    };
    expect(detect(spec)).toEqual([]);
  });
});
