import { parseDuration, type DurationInput, type Ms } from './duration.js';

/** A point of a VU schedule: reach `vus` linearly over `durationMs`. */
export interface Stage {
  durationMs: Ms;
  vus: number;
}

export interface RampProfile {
  kind: 'ramp';
  stages: Stage[];
  startVus: number;
}
export interface SpikeProfile {
  kind: 'spike';
  stages: Stage[];
  startVus: number;
  baselineVus: number;
  peakVus: number;
}
export interface SoakProfile {
  kind: 'soak';
  stages: Stage[];
  startVus: number;
}
export interface ConstantRateProfile {
  kind: 'constantRate';
  ratePerSec: number;
  durationMs: Ms;
  preAllocatedVus: number;
  maxVus: number;
}

/** Closed profiles loop virtual users; the open one schedules arrivals independent of responses. */
export type ClosedProfile = RampProfile | SpikeProfile | SoakProfile;
export type Profile = ClosedProfile | ConstantRateProfile;

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
