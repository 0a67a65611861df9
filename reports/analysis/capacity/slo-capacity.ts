import type { StepMeasurement } from './capacity-step.js';
import { monotoneCurve } from './monotone-curve.js';
import type { Slo } from './slo.js';

/**
 * The highest throughput one instance sustained within the SLO. The USL predicts mean latency
 * (by Little's law), not a percentile, so the SLO's statistic is modelled against throughput
 * from the measured steps themselves: a monotone cubic through the steps on the rising branch
 * (each step that raised throughput), crossed with the SLO's limit. Nothing is extrapolated.
 */
export interface SloCapacity {
  perSec: number | null;
  method: 'interpolated' | 'last-step-met' | 'all-steps-met' | 'never-met';
  /** Indices into the steps (in load order) around the answer. */
  lastMet: number | null;
  firstBroken: number | null;
  /** Steps after the first broken one that met the SLO again (noise, or a warming target). */
  metAgainAfterBreak: number[];
}

/** The SLO statistic against throughput, sampled along the monotone curve (for the chart). */
export interface LatencyCurve {
  throughput: number[];
  value: number[];
}

export function sloCapacity(steps: readonly StepMeasurement[], slo: Slo): SloCapacity {
  const broken = steps.findIndex((s) => !s.meetsSlo);
  if (broken === -1) {
    if (steps.length === 0) return none(null);
    const best = argmax(steps, steps.length);
    return {
      perSec: (steps[best] as StepMeasurement).throughputPerSec,
      method: 'all-steps-met',
      lastMet: best,
      firstBroken: null,
      metAgainAfterBreak: [],
    };
  }
  if (broken === 0) return none(0, steps);
  const best = argmax(steps, broken);
  const met = steps[best] as StepMeasurement;
  const fail = steps[broken] as StepMeasurement;
  const metAgainAfterBreak = steps.flatMap((s, i) => (i > broken && s.meetsSlo ? [i] : []));
  const onLatency = fail.errorRate <= slo.maxErrorRate && fail.sloValue > met.sloValue;
  if (fail.throughputPerSec > met.throughputPerSec && onLatency) {
    const env = risingBranch(steps);
    const curve = monotoneCurve(
      env.map((i) => (steps[i] as StepMeasurement).throughputPerSec),
      env.map((i) => (steps[i] as StepMeasurement).sloValue),
    );
    const at = curve.crossing(env.indexOf(best), slo.limit);
    if (at !== undefined) {
      return {
        perSec: at,
        method: 'interpolated',
        lastMet: best,
        firstBroken: broken,
        metAgainAfterBreak,
      };
    }
  }
  return {
    perSec: met.throughputPerSec,
    method: 'last-step-met',
    lastMet: best,
    firstBroken: broken,
    metAgainAfterBreak,
  };
}

/** The curve through the rising branch, sampled for drawing; empty with fewer than two steps. */
export function latencyCurve(steps: readonly StepMeasurement[], samples = 48): LatencyCurve {
  const env = risingBranch(steps).filter((i) =>
    Number.isFinite((steps[i] as StepMeasurement).sloValue),
  );
  if (env.length < 2) return { throughput: [], value: [] };
  const xs = env.map((i) => (steps[i] as StepMeasurement).throughputPerSec);
  const curve = monotoneCurve(
    xs,
    env.map((i) => (steps[i] as StepMeasurement).sloValue),
  );
  const lo = xs[0] as number;
  const hi = xs.at(-1) as number;
  const throughput = Array.from({ length: samples + 1 }, (_, k) => lo + ((hi - lo) * k) / samples);
  return { throughput, value: throughput.map((x) => curve.at(x)) };
}

/** Indices of the steps (in load order) that raised throughput above every step before them. */
export function risingBranch(steps: readonly StepMeasurement[]): number[] {
  const out: number[] = [];
  let top = -Infinity;
  steps.forEach((s, i) => {
    if (s.throughputPerSec > top) {
      top = s.throughputPerSec;
      out.push(i);
    }
  });
  return out;
}

function argmax(steps: readonly StepMeasurement[], before: number): number {
  let best = 0;
  for (let i = 1; i < before; i++) {
    if (
      (steps[i] as StepMeasurement).throughputPerSec >
      (steps[best] as StepMeasurement).throughputPerSec
    )
      best = i;
  }
  return best;
}

function none(firstBroken: number | null, steps: readonly StepMeasurement[] = []): SloCapacity {
  return {
    perSec: null,
    method: 'never-met',
    lastMet: null,
    firstBroken,
    metAgainAfterBreak: steps.flatMap((s, i) => (s.meetsSlo ? [i] : [])),
  };
}
