import type { Executor } from '../../../scenarios/executors.js';
import { assertNever } from '../../../scenarios/schedule.js';

/** Worker `index`'s share of `total` when `total` is split over `count` workers (shares sum to it). */
export function share(total: number, index: number, count: number): number {
  return Math.floor((total * (index + 1)) / count) - Math.floor((total * index) / count);
}

/**
 * Worker `index`'s part of an executor run by `count` workers, as k6's execution segments
 * split a scenario: VUs, iterations and VU pools are divided so the parts sum to the whole,
 * and arrival rates divided evenly (each worker's arrivals interleave with the others'). A
 * part with nothing to do is undefined.
 */
export function splitExecutor(e: Executor, index: number, count: number): Executor | undefined {
  if (count <= 1) return e;
  const part = (n: number): number => share(n, index, count);
  switch (e.executor) {
    case 'constant-vus':
      return part(e.vus) > 0 ? { ...e, vus: part(e.vus) } : undefined;
    case 'ramping-vus':
      return {
        ...e,
        startVUs: part(e.startVUs),
        stages: e.stages.map((s) => ({ ...s, target: part(s.target) })),
      };
    case 'per-vu-iterations':
      return part(e.vus) > 0 ? { ...e, vus: part(e.vus) } : undefined;
    case 'shared-iterations': {
      const iterations = part(e.iterations);
      const vus = Math.min(part(e.vus), iterations) || (iterations > 0 ? 1 : 0);
      return iterations > 0 ? { ...e, vus, iterations } : undefined;
    }
    case 'constant-arrival-rate':
      return {
        ...e,
        rate: e.rate / count,
        preAllocatedVUs: Math.max(1, part(e.preAllocatedVUs)),
        maxVUs: Math.max(1, part(e.maxVUs)),
        // Offset each worker's arrivals so the whole keeps an even spacing.
        startTime: (e.startTime ?? 0) + (index * e.timeUnit) / e.rate / count,
      };
    case 'ramping-arrival-rate':
      return {
        ...e,
        startRate: e.startRate / count,
        stages: e.stages.map((s) => ({ ...s, target: s.target / count })),
        preAllocatedVUs: Math.max(1, part(e.preAllocatedVUs)),
        maxVUs: Math.max(1, part(e.maxVUs)),
      };
    default:
      return assertNever(e);
  }
}
