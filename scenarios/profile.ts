import { InvalidValueError } from '../core/errors.js';
import { parseDuration, type DurationInput } from '../core/duration.js';
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

const stage = (duration: DurationInput, vus: number, field: string): Stage => ({
  durationMs: parseDuration(duration, field),
  vus,
});

/** Up from `from` to `to` VUs, hold, then down: the everyday load test. */
export function ramp(opts: {
  to: number;
  from?: number;
  rampUp: DurationInput;
  hold: DurationInput;
  rampDown?: DurationInput;
}): RampProfile {
  const stages = [
    stage(opts.rampUp, opts.to, 'profile.rampUp'),
    stage(opts.hold, opts.to, 'profile.hold'),
  ];
  if (opts.rampDown !== undefined) stages.push(stage(opts.rampDown, 0, 'profile.rampDown'));
  return { kind: 'ramp', startVus: opts.from ?? 0, stages };
}

/** A baseline, a sudden jump to `peak` VUs, a hold, a drop back, and time to watch recovery. */
export function spike(opts: {
  baseline: number;
  peak: number;
  before: DurationInput;
  hold: DurationInput;
  after: DurationInput;
}): SpikeProfile {
  const jumpMs = 1000;
  return {
    kind: 'spike',
    startVus: opts.baseline,
    baselineVus: opts.baseline,
    peakVus: opts.peak,
    stages: [
      stage(opts.before, opts.baseline, 'profile.before'),
      { durationMs: jumpMs, vus: opts.peak },
      stage(opts.hold, opts.peak, 'profile.hold'),
      { durationMs: jumpMs, vus: opts.baseline },
      stage(opts.after, opts.baseline, 'profile.after'),
    ],
  };
}

/** Long, steady load (hours) to expose leaks and drift. */
export function soak(opts: {
  vus: number;
  duration: DurationInput;
  rampUp?: DurationInput;
}): SoakProfile {
  const rampUpMs = parseDuration(opts.rampUp ?? 0, 'profile.rampUp');
  const stages = rampUpMs > 0 ? [{ durationMs: rampUpMs, vus: opts.vus }] : [];
  stages.push(stage(opts.duration, opts.vus, 'profile.duration'));
  return { kind: 'soak', startVus: rampUpMs > 0 ? 0 : opts.vus, stages };
}

/** Open model: `rate` iterations per second whatever the target's speed. */
export function constantRate(opts: {
  rate: number;
  duration: DurationInput;
  preAllocatedVUs?: number;
  maxVUs?: number;
}): ConstantRateProfile {
  const preAllocatedVus = opts.preAllocatedVUs ?? Math.max(1, Math.ceil(opts.rate / 10));
  return {
    kind: 'constantRate',
    ratePerSec: opts.rate,
    durationMs: parseDuration(opts.duration, 'profile.duration'),
    preAllocatedVus,
    maxVus: opts.maxVUs ?? Math.max(preAllocatedVus, Math.ceil(opts.rate)),
  };
}

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
  const holdMs = parseDuration(opts.stepDuration, 'profile.stepDuration');
  const rampMs = parseDuration(opts.rampTime ?? '5s', 'profile.rampTime');
  const from = opts.from ?? opts.step;
  if (opts.step <= 0) {
    throw new InvalidValueError('profile.step', `${opts.step} VUs; expected a positive step`);
  }
  const stages: Stage[] = [{ durationMs: holdMs, vus: from }];
  for (let vus = from + opts.step; vus <= opts.max; vus += opts.step) {
    stages.push({ durationMs: rampMs, vus }, { durationMs: holdMs, vus });
  }
  return { kind: 'stress', startVus: from, stages, stopOnThresholdFail: true };
}

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
  const preAllocatedVus = opts.preAllocatedVUs ?? Math.max(1, Math.ceil(opts.to / 20));
  return {
    kind: 'breakpoint',
    startRatePerSec: opts.from ?? 0,
    maxRatePerSec: opts.to,
    durationMs: parseDuration(opts.duration, 'profile.duration'),
    preAllocatedVus,
    maxVus: opts.maxVUs ?? Math.max(preAllocatedVus, Math.ceil(opts.to)),
    stopOnThresholdFail: true,
  };
}

/** Named k6-style scenarios, each an executor (`constantVus(...)`, `rampingArrivalRate(...)`...). */
export function scenarios(named: Record<string, Executor>): ScenariosProfile {
  return { kind: 'scenarios', scenarios: named };
}
