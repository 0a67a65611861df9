import { z } from 'zod';
import type {
  BreakpointProfile,
  ConstantRateProfile,
  RampProfile,
  ScenariosProfile,
  SoakProfile,
  SpikeProfile,
  Stage,
  StressProfile,
} from '../core/run-dir/schema/profile.js';
import type { DurationInput } from '../core/duration.js';
import {
  buildChecked,
  invalidBuilt,
  problemsOf,
  underPath,
} from '../core/validation/carried-problems.js';
import { durationSchema } from '../core/validation/duration-schema.js';
import { strictObject } from '../core/validation/strict-object.js';
import type { Executor } from './executors.js';

export type {
  BreakpointProfile,
  ClosedProfile,
  ConstantRateProfile,
  Profile,
  RampProfile,
  ScenariosProfile,
  SoakProfile,
  SpikeProfile,
  Stage,
  StressProfile,
} from '../core/run-dir/schema/profile.js';

/*
 * Each builder checks its options (unknown keys included) and, when any is wrong, returns the
 * problems instead of a profile (core/validation/carried-problems.ts): scenario() lists them
 * under `profile.` with every other field's, in one error.
 */
const vus = z.number().int().nonnegative();
const someVus = z.number().int().positive();
const duration = durationSchema;

const rampOptions = strictObject({
  to: vus,
  from: vus.optional(),
  rampUp: duration(),
  hold: duration(),
  rampDown: duration().optional(),
});

/** Up from `from` to `to` VUs, hold, then down: the everyday load test. */
export function ramp(opts: {
  to: number;
  from?: number;
  rampUp: DurationInput;
  hold: DurationInput;
  rampDown?: DurationInput;
}): RampProfile {
  return buildChecked('ramp', rampOptions, opts, (o) => {
    const stages: Stage[] = [
      { durationMs: o.rampUp, vus: o.to },
      { durationMs: o.hold, vus: o.to },
    ];
    if (o.rampDown !== undefined) stages.push({ durationMs: o.rampDown, vus: 0 });
    return { kind: 'ramp', startVus: o.from ?? 0, stages };
  });
}

const spikeOptions = strictObject({
  baseline: vus,
  peak: vus,
  before: duration(),
  hold: duration(),
  after: duration(),
});

/** A baseline, a sudden jump to `peak` VUs, a hold, a drop back, and time to watch recovery. */
export function spike(opts: {
  baseline: number;
  peak: number;
  before: DurationInput;
  hold: DurationInput;
  after: DurationInput;
}): SpikeProfile {
  const jumpMs = 1000;
  return buildChecked('spike', spikeOptions, opts, (o) => ({
    kind: 'spike',
    startVus: o.baseline,
    baselineVus: o.baseline,
    peakVus: o.peak,
    stages: [
      { durationMs: o.before, vus: o.baseline },
      { durationMs: jumpMs, vus: o.peak },
      { durationMs: o.hold, vus: o.peak },
      { durationMs: jumpMs, vus: o.baseline },
      { durationMs: o.after, vus: o.baseline },
    ],
  }));
}

const soakOptions = strictObject({
  vus: someVus,
  duration: duration(),
  rampUp: duration().optional(),
});

/** Long, steady load (hours) to expose leaks and drift. */
export function soak(opts: {
  vus: number;
  duration: DurationInput;
  rampUp?: DurationInput;
}): SoakProfile {
  return buildChecked('soak', soakOptions, opts, (o) => {
    const rampUpMs = o.rampUp ?? 0;
    const stages = rampUpMs > 0 ? [{ durationMs: rampUpMs, vus: o.vus }] : [];
    stages.push({ durationMs: o.duration, vus: o.vus });
    return { kind: 'soak', startVus: rampUpMs > 0 ? 0 : o.vus, stages };
  });
}

const constantRateOptions = strictObject({
  rate: z.number().positive(),
  duration: duration(),
  preAllocatedVUs: someVus.optional(),
  maxVUs: someVus.optional(),
});

/** Open model: `rate` iterations per second whatever the target's speed. */
export function constantRate(opts: {
  rate: number;
  duration: DurationInput;
  preAllocatedVUs?: number;
  maxVUs?: number;
}): ConstantRateProfile {
  return buildChecked('constantRate', constantRateOptions, opts, (o) => {
    const preAllocatedVus = o.preAllocatedVUs ?? Math.max(1, Math.ceil(o.rate / 10));
    return {
      kind: 'constantRate',
      ratePerSec: o.rate,
      durationMs: o.duration,
      preAllocatedVus,
      maxVus: o.maxVUs ?? Math.max(preAllocatedVus, Math.ceil(o.rate)),
    };
  });
}

const stressOptions = strictObject({
  from: vus.optional(),
  step: someVus,
  max: someVus,
  stepDuration: duration(),
  rampTime: duration().optional(),
});

/**
 * Capacity search in closed model: `from` VUs, then `step` more every `stepDuration` (reached
 * over `rampTime`) until `max`; the run ends early when a threshold breaks. Use it to find the
 * concurrency where latency or errors give out.
 */
export function stress(opts: {
  from?: number;
  step: number;
  max: number;
  stepDuration: DurationInput;
  rampTime?: DurationInput;
}): StressProfile {
  return buildChecked('stress', stressOptions, opts, (o) => {
    const rampMs = o.rampTime ?? 5000;
    const from = o.from ?? o.step;
    const stages: Stage[] = [{ durationMs: o.stepDuration, vus: from }];
    for (let n = from + o.step; n <= o.max; n += o.step) {
      stages.push({ durationMs: rampMs, vus: n }, { durationMs: o.stepDuration, vus: n });
    }
    return { kind: 'stress', startVus: from, stages, stopOnThresholdFail: true };
  });
}

const breakpointOptions = strictObject({
  from: z.number().nonnegative().optional(),
  to: z.number().positive(),
  duration: duration(),
  preAllocatedVUs: someVus.optional(),
  maxVUs: someVus.optional(),
});

/**
 * Open-model capacity search: the arrival rate climbs linearly from `from` to `to` per second
 * over `duration`, and the run stops when a threshold breaks. The rate reached then is the
 * breaking point.
 */
export function breakpoint(opts: {
  from?: number;
  to: number;
  duration: DurationInput;
  preAllocatedVUs?: number;
  maxVUs?: number;
}): BreakpointProfile {
  return buildChecked('breakpoint', breakpointOptions, opts, (o) => {
    const preAllocatedVus = o.preAllocatedVUs ?? Math.max(1, Math.ceil(o.to / 20));
    return {
      kind: 'breakpoint',
      startRatePerSec: o.from ?? 0,
      maxRatePerSec: o.to,
      durationMs: o.duration,
      preAllocatedVus,
      maxVus: o.maxVUs ?? Math.max(preAllocatedVus, Math.ceil(o.to)),
      stopOnThresholdFail: true,
    };
  });
}

/** Named k6-style scenarios, each an executor (`constantVus(...)`, `rampingArrivalRate(...)`...). */
export function scenarios(named: Record<string, Executor>): ScenariosProfile {
  if (typeof named !== 'object' || named === null) {
    return invalidBuilt('scenarios', [
      {
        path: '(root)',
        message: 'expected an object of named executors: { main: constantVus({ ... }) }',
      },
    ]);
  }
  const issues = Object.entries(named).flatMap(([name, executor]) =>
    underPath(`scenarios.${name}`, problemsOf(executor) ?? []),
  );
  return issues.length > 0
    ? invalidBuilt('scenarios', issues)
    : { kind: 'scenarios', scenarios: named };
}
