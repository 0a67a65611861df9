import { z } from 'zod';
import {
  buildChecked,
  invalidBuilt,
  problemsOf,
  underPath,
} from '../core/validation/carried-problems.js';
import { durationSchema } from '../core/validation/duration-schema.js';
import { strictObject } from '../core/validation/strict-object.js';
import type { Executor } from './executors.js';
import * as build from './profile.js';

/*
 * The profile builders scenario files get from 'loadrig': each checks its options (unknown keys
 * included) and, when any is wrong, returns the problems instead of a profile
 * (core/validation/carried-problems.ts), which scenario() lists under `profile.` with every other
 * field's. The building itself is profile.ts's, which k6 scripts bundle without this checking
 * (and without zod): the file was checked by the loader before it was bundled.
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
const spikeOptions = strictObject({
  baseline: vus,
  peak: vus,
  before: duration(),
  hold: duration(),
  after: duration(),
});
const soakOptions = strictObject({
  vus: someVus,
  duration: duration(),
  rampUp: duration().optional(),
});
const constantRateOptions = strictObject({
  rate: z.number().positive(),
  duration: duration(),
  preAllocatedVUs: someVus.optional(),
  maxVUs: someVus.optional(),
});
const stressOptions = strictObject({
  from: vus.optional(),
  step: someVus,
  max: someVus,
  stepDuration: duration(),
  rampTime: duration().optional(),
});
const breakpointOptions = strictObject({
  from: z.number().nonnegative().optional(),
  to: z.number().positive(),
  duration: duration(),
  preAllocatedVUs: someVus.optional(),
  maxVUs: someVus.optional(),
});

type Options<F extends (o: never) => unknown> = Parameters<F>[0];

/** Up from `from` to `to` VUs, hold, then down: the everyday load test. */
export function ramp(opts: Options<typeof build.ramp>): build.RampProfile {
  return buildChecked('ramp', rampOptions, opts, () => build.ramp(opts));
}

/** A baseline, a sudden jump to `peak` VUs, a hold, a drop back, and time to watch recovery. */
export function spike(opts: Options<typeof build.spike>): build.SpikeProfile {
  return buildChecked('spike', spikeOptions, opts, () => build.spike(opts));
}

/** Long, steady load (hours) to expose leaks and drift. */
export function soak(opts: Options<typeof build.soak>): build.SoakProfile {
  return buildChecked('soak', soakOptions, opts, () => build.soak(opts));
}

/** Open model: `rate` iterations per second whatever the target's speed. */
export function constantRate(opts: Options<typeof build.constantRate>): build.ConstantRateProfile {
  return buildChecked('constantRate', constantRateOptions, opts, () => build.constantRate(opts));
}

/**
 * Capacity search in closed model: `from` VUs, then `step` more every `stepDuration` (reached
 * over `rampTime`) until `max`; the run ends early when a threshold breaks.
 */
export function stress(opts: Options<typeof build.stress>): build.StressProfile {
  return buildChecked('stress', stressOptions, opts, () => build.stress(opts));
}

/**
 * Open-model capacity search: the arrival rate climbs linearly from `from` to `to` per second
 * over `duration`, and the run stops when a threshold breaks.
 */
export function breakpoint(opts: Options<typeof build.breakpoint>): build.BreakpointProfile {
  return buildChecked('breakpoint', breakpointOptions, opts, () => build.breakpoint(opts));
}

/** Named k6-style scenarios, each an executor; an executor's problems are listed under its name. */
export function scenarios(named: Record<string, Executor>): build.ScenariosProfile {
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
  return issues.length > 0 ? invalidBuilt('scenarios', issues) : build.scenarios(named);
}
