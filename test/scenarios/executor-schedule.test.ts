import { describe, expect, it } from 'vitest';
import {
  ArrivalSchedule,
  executorMaxVus,
  executorRateAt,
  executorVusAt,
  type ArrivalRateExecutor,
} from '../../scenarios/executor-schedule.js';
import {
  constantArrivalRate,
  constantVus,
  perVuIterations,
  rampingArrivalRate,
  rampingVus,
} from '../../scenarios/executors.js';
import { breakpoint, constantRate, ramp, scenarios, stress } from '../../scenarios/profile.js';
import { profileExecutors } from '../../core/run-dir/profile-executors.js';
import { profileDurationMs, withDuration } from '../../scenarios/schedule.js';

/** Arrivals starting in each whole second of the schedule. */
function arrivalsPerSecond(e: ArrivalRateExecutor, seconds: number): number[] {
  const counts = Array<number>(seconds).fill(0);
  const s = new ArrivalSchedule(e);
  for (let t = s.next(); t !== undefined; t = s.next()) {
    const i = Math.floor(t / 1000);
    if (i < seconds) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

describe('k6 executor schedules', () => {
  it('ramping-vus moves one VU at a time and reaches a stage target only at its end (k6)', () => {
    const e = rampingVus({
      startVUs: 0,
      stages: [
        { duration: '10s', target: 10 },
        { duration: '5s', target: 10 },
        { duration: '10s', target: 0 },
      ],
    });
    const perSecond = Array.from({ length: 26 }, (_, s) => executorVusAt(e, s * 1000));
    expect(perSecond).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10, 10, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
    ]);
    // Just before the end of the ramp down one VU is still there (k6 truncates toward the start).
    expect(executorVusAt(e, 24_999)).toBe(1);
    expect(executorMaxVus(e)).toBe(10);
  });

  it('constant-vus holds its VUs for the duration, then none', () => {
    const e = constantVus({ vus: 7, duration: '3s' });
    expect([0, 2999, 3000].map((t) => executorVusAt(e, t))).toEqual([7, 7, 0]);
  });

  it('constant-arrival-rate starts `rate` iterations per timeUnit, the first at 0', () => {
    const e = constantArrivalRate({ rate: 30, timeUnit: '1s', duration: '5s', preAllocatedVUs: 5 });
    expect(arrivalsPerSecond(e, 5)).toEqual([30, 30, 30, 30, 30]);
    const perMinute = constantArrivalRate({
      rate: 120,
      timeUnit: '1m',
      duration: '10s',
      preAllocatedVUs: 1,
    });
    expect(arrivalsPerSecond(perMinute, 10)).toEqual(Array(10).fill(2));
    const first = new ArrivalSchedule(e);
    expect(first.next()).toBe(0);
    expect(first.next()).toBeCloseTo(1000 / 30, 6);
  });

  it('ramping-arrival-rate follows the integral of a linear rate per stage', () => {
    const e = rampingArrivalRate({
      startRate: 0,
      timeUnit: '1s',
      preAllocatedVUs: 10,
      stages: [
        { duration: '10s', target: 100 },
        { duration: '5s', target: 100 },
        { duration: '5s', target: 0 },
      ],
    });
    const counts = arrivalsPerSecond(e, 20);
    // Second s of the ramp carries the area under the rate: 10*s + 5 (±1 for where the
    // integral crosses an integer).
    for (let s = 0; s < 10; s++)
      expect(Math.abs((counts[s] ?? 0) - (10 * s + 5))).toBeLessThanOrEqual(1);
    expect(counts.slice(10, 15)).toEqual([100, 100, 100, 100, 100]);
    const total = counts.reduce((a, b) => a + b, 0);
    // Area: 500 (ramp up) + 500 (hold) + 250 (ramp down).
    expect(Math.abs(total - 1250)).toBeLessThanOrEqual(1);
    expect(executorRateAt(e, 5000)).toBe(50);
    expect(executorRateAt(e, 17_500)).toBe(50);
  });
});

describe('profiles compile to k6 executors', () => {
  it('closed profiles become ramping-vus, constantRate becomes constant-arrival-rate', () => {
    const closed = profileExecutors(ramp({ to: 10, rampUp: '10s', hold: '5s' }), 5000);
    expect(closed['default']).toEqual({
      executor: 'ramping-vus',
      startVUs: 0,
      stages: [
        { duration: 10_000, target: 10 },
        { duration: 5000, target: 10 },
      ],
      gracefulRampDown: 5000,
      gracefulStop: 5000,
    });
    const open = profileExecutors(constantRate({ rate: 50, duration: '1m', maxVUs: 80 }), 5000);
    expect(open['default']).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 50,
      timeUnit: 1000,
      duration: 60_000,
      preAllocatedVUs: 5,
      maxVUs: 80,
    });
  });

  it('stress steps VUs up to the max and breakpoint ramps the arrival rate; both stop on a failed threshold', () => {
    const s = stress({ step: 10, max: 30, stepDuration: '1m', rampTime: '10s' });
    expect(s.stages.map((x) => [x.durationMs, x.vus])).toEqual([
      [60_000, 10],
      [10_000, 20],
      [60_000, 20],
      [10_000, 30],
      [60_000, 30],
    ]);
    expect(s.stopOnThresholdFail).toBe(true);
    const b = profileExecutors(breakpoint({ to: 500, duration: '10m' }), 1000)['default'];
    expect(b).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 0,
      stages: [{ duration: 600_000, target: 500 }],
      maxVUs: 500,
    });
  });

  it('named scenarios keep their executors, start times and tags; the run lasts until the last ends', () => {
    const p = scenarios({
      browse: constantVus({ vus: 5, duration: '30s', tags: { kind: 'browse' } }),
      buy: perVuIterations({
        vus: 2,
        iterations: 3,
        maxDuration: '20s',
        startTime: '15s',
        exec: 'buy',
      }),
    });
    expect(profileDurationMs(p)).toBe(35_000);
    const compiled = profileExecutors(p, 2000);
    expect(compiled['buy']).toMatchObject({ startTime: 15_000, exec: 'buy', gracefulStop: 2000 });
    expect(compiled['browse']?.tags).toEqual({ kind: 'browse' });
    const half = withDuration(p, 17_500);
    expect(half.scenarios['buy']).toMatchObject({ startTime: 7500, maxDuration: 10_000 });
  });
});
