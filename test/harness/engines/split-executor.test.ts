import { describe, expect, it } from 'vitest';
import { share, splitExecutor } from '../../../harness/engines/builtin/split-executor.js';
import {
  constantArrivalRate,
  constantVus,
  rampingVus,
  sharedIterations,
} from '../../../scenarios/executors.js';

describe('splitting executors over worker threads', () => {
  it('shares of VUs and iterations sum to the whole', () => {
    for (const total of [0, 1, 7, 50, 101])
      for (const n of [1, 2, 3, 7]) {
        const parts = Array.from({ length: n }, (_, i) => share(total, i, n));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }
  });

  it('splits each executor kind so the workers together run the original', () => {
    const vus = [0, 1, 2].map((i) => splitExecutor(constantVus({ vus: 10, duration: '1s' }), i, 3));
    expect(vus.map((e) => (e as { vus: number }).vus)).toEqual([3, 3, 4]);
    const ramp = splitExecutor(
      rampingVus({ startVUs: 3, stages: [{ duration: '1s', target: 9 }] }),
      0,
      2,
    );
    expect(ramp).toMatchObject({ startVUs: 1, stages: [{ target: 4 }] });
    const rate = [0, 1].map((i) =>
      splitExecutor(
        constantArrivalRate({ rate: 100, duration: '1s', preAllocatedVUs: 10, maxVUs: 20 }),
        i,
        2,
      ),
    );
    expect(rate.map((e) => e && 'rate' in e && [e.rate, e.maxVUs, e.startTime])).toEqual([
      [50, 10, 0],
      [50, 10, 5],
    ]);
    const shared = [0, 1, 2].map((i) =>
      splitExecutor(sharedIterations({ vus: 2, iterations: 2, maxDuration: '1s' }), i, 3),
    );
    expect(shared.filter((e) => e !== undefined)).toHaveLength(2);
  });
});
