import { z } from 'zod';
import { buildChecked } from '../core/validation/carried-problems.js';
import { durationSchema } from '../core/validation/duration-schema.js';
import { strictObject } from '../core/validation/strict-object.js';
import * as build from './executors.js';

/*
 * The executor builders scenario files get from 'loadrig': each checks its options (unknown
 * keys included) and, when any is wrong, returns the problems instead of an executor
 * (core/validation/carried-problems.ts); scenarios() and scenario() list them under
 * `profile.scenarios.<name>.`. The building itself is executors.ts's, which k6 scripts bundle
 * without this checking (and without zod).
 */
const duration = durationSchema;
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const common = {
  startTime: duration().optional(),
  gracefulStop: duration().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  exec: z.string().min(1).optional(),
  env: z.record(z.string(), z.string()).optional(),
};
const stages = z.array(strictObject({ duration: duration(), target: count })).min(1);

const constantVusOptions = strictObject({
  ...common,
  vus: positive.optional(),
  duration: duration(),
});
const rampingVusOptions = strictObject({
  ...common,
  startVUs: count.optional(),
  stages,
  gracefulRampDown: duration().optional(),
});
const constantArrivalRateOptions = strictObject({
  ...common,
  rate: z.number().positive(),
  timeUnit: duration().optional(),
  duration: duration(),
  preAllocatedVUs: positive,
  maxVUs: positive.optional(),
});
const rampingArrivalRateOptions = strictObject({
  ...common,
  startRate: z.number().nonnegative().optional(),
  timeUnit: duration().optional(),
  stages,
  preAllocatedVUs: positive,
  maxVUs: positive.optional(),
});
const iterationsOptions = strictObject({
  ...common,
  vus: positive.optional(),
  iterations: positive.optional(),
  maxDuration: duration().optional(),
});

type Options<F extends (o: never) => unknown> = Parameters<F>[0];

/** A fixed number of VUs looping the flow for `duration`. */
export function constantVus(o: Options<typeof build.constantVus>): build.ConstantVusExecutor {
  return buildChecked('constantVus', constantVusOptions, o, () => build.constantVus(o));
}

/** VUs ramped through `stages` (linear within a stage). */
export function rampingVus(o: Options<typeof build.rampingVus>): build.RampingVusExecutor {
  return buildChecked('rampingVus', rampingVusOptions, o, () => build.rampingVus(o));
}

/** `rate` iterations per `timeUnit`, whatever the target's speed (open model). */
export function constantArrivalRate(
  o: Options<typeof build.constantArrivalRate>,
): build.ConstantArrivalRateExecutor {
  return buildChecked('constantArrivalRate', constantArrivalRateOptions, o, () =>
    build.constantArrivalRate(o),
  );
}

/** An arrival rate ramped through `stages` from `startRate` (open model). */
export function rampingArrivalRate(
  o: Options<typeof build.rampingArrivalRate>,
): build.RampingArrivalRateExecutor {
  return buildChecked('rampingArrivalRate', rampingArrivalRateOptions, o, () =>
    build.rampingArrivalRate(o),
  );
}

/** Each of `vus` VUs runs exactly `iterations` iterations (or until `maxDuration`). */
export function perVuIterations(
  o: Options<typeof build.perVuIterations>,
): build.PerVuIterationsExecutor {
  return buildChecked('perVuIterations', iterationsOptions, o, () => build.perVuIterations(o));
}

/** `iterations` in total, shared by `vus` VUs: whoever is free takes the next one. */
export function sharedIterations(
  o: Options<typeof build.sharedIterations>,
): build.SharedIterationsExecutor {
  return buildChecked('sharedIterations', iterationsOptions, o, () => build.sharedIterations(o));
}
