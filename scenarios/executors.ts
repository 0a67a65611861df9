import { z } from 'zod';
import type { DurationInput } from '../core/duration.js';
import { buildChecked } from '../core/validation/carried-problems.js';
import { durationSchema } from '../core/validation/duration-schema.js';
import { strictObject } from '../core/validation/strict-object.js';
import type {
  ConstantArrivalRateExecutor,
  ConstantVusExecutor,
  ExecutorCommon,
  PerVuIterationsExecutor,
  RampingArrivalRateExecutor,
  RampingVusExecutor,
  SharedIterationsExecutor,
} from '../core/run-dir/schema/executors.js';

/**
 * Builders of k6's six executors (the stored shapes are in core/run-dir/schema/executors.ts,
 * with k6's field names and semantics, so the k6 engine maps them 1:1 to `options.scenarios`).
 * Durations are parsed to milliseconds here (k6 takes strings: write them back as `${ms}ms`).
 */
export type {
  ConstantArrivalRateExecutor,
  ConstantVusExecutor,
  Executor,
  ExecutorCommon,
  ExecutorStage,
  PerVuIterationsExecutor,
  RampingArrivalRateExecutor,
  RampingVusExecutor,
  SharedIterationsExecutor,
} from '../core/run-dir/schema/executors.js';
export { EXECUTOR_NAMES, type ExecutorName } from '../core/run-dir/schema/executor-names.js';

export const K6_DEFAULT_GRACEFUL_STOP_MS = 30_000;
const K6_DEFAULT_MAX_DURATION_MS = 600_000;

/** What the builders accept besides each executor's own fields. */
export interface CommonInput {
  startTime?: DurationInput;
  gracefulStop?: DurationInput;
  tags?: Record<string, string>;
  exec?: string;
  env?: Record<string, string>;
}
type StageInput = { duration: DurationInput; target: number };

/*
 * Each builder checks its options (unknown keys included) and, when any is wrong, returns the
 * problems instead of an executor (core/validation/carried-problems.ts): scenarios() and then
 * scenario() list them under `profile.scenarios.<name>.` with every other field's.
 */
const duration = durationSchema;
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const commonShape = {
  startTime: duration().optional(),
  gracefulStop: duration().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  exec: z.string().min(1).optional(),
  env: z.record(z.string(), z.string()).optional(),
};
const stagesSchema = z.array(strictObject({ duration: duration(), target: count })).min(1);

function common(o: {
  [K in keyof typeof commonShape]?: z.output<(typeof commonShape)[K]>;
}): ExecutorCommon {
  const c: ExecutorCommon = {};
  if (o.startTime !== undefined) c.startTime = o.startTime;
  if (o.gracefulStop !== undefined) c.gracefulStop = o.gracefulStop;
  if (o.tags !== undefined) c.tags = o.tags;
  if (o.exec !== undefined) c.exec = o.exec;
  if (o.env !== undefined) c.env = o.env;
  return c;
}

const constantVusOptions = strictObject({
  ...commonShape,
  vus: positive.optional(),
  duration: duration(),
});

/** A fixed number of VUs looping the flow for `duration`. */
export function constantVus(
  o: CommonInput & { vus?: number; duration: DurationInput },
): ConstantVusExecutor {
  return buildChecked('constantVus', constantVusOptions, o, (p) => ({
    executor: 'constant-vus',
    vus: p.vus ?? 1,
    duration: p.duration,
    ...common(p),
  }));
}

const rampingVusOptions = strictObject({
  ...commonShape,
  startVUs: count.optional(),
  stages: stagesSchema,
  gracefulRampDown: duration().optional(),
});

/** VUs ramped through `stages` (linear within a stage). */
export function rampingVus(
  o: CommonInput & { startVUs?: number; stages: StageInput[]; gracefulRampDown?: DurationInput },
): RampingVusExecutor {
  return buildChecked('rampingVus', rampingVusOptions, o, (p) => ({
    executor: 'ramping-vus',
    startVUs: p.startVUs ?? 1,
    stages: p.stages.map((s) => ({ duration: s.duration, target: s.target })),
    ...(p.gracefulRampDown !== undefined ? { gracefulRampDown: p.gracefulRampDown } : {}),
    ...common(p),
  }));
}

const constantArrivalRateOptions = strictObject({
  ...commonShape,
  rate: z.number().positive(),
  timeUnit: duration().optional(),
  duration: duration(),
  preAllocatedVUs: positive,
  maxVUs: positive.optional(),
});

/** `rate` iterations per `timeUnit`, whatever the target's speed (open model). */
export function constantArrivalRate(
  o: CommonInput & {
    rate: number;
    timeUnit?: DurationInput;
    duration: DurationInput;
    preAllocatedVUs: number;
    maxVUs?: number;
  },
): ConstantArrivalRateExecutor {
  return buildChecked('constantArrivalRate', constantArrivalRateOptions, o, (p) => ({
    executor: 'constant-arrival-rate',
    rate: p.rate,
    timeUnit: p.timeUnit ?? 1000,
    duration: p.duration,
    preAllocatedVUs: p.preAllocatedVUs,
    maxVUs: p.maxVUs ?? p.preAllocatedVUs,
    ...common(p),
  }));
}

const rampingArrivalRateOptions = strictObject({
  ...commonShape,
  startRate: z.number().nonnegative().optional(),
  timeUnit: duration().optional(),
  stages: stagesSchema,
  preAllocatedVUs: positive,
  maxVUs: positive.optional(),
});

/** An arrival rate ramped through `stages` from `startRate` (open model). */
export function rampingArrivalRate(
  o: CommonInput & {
    startRate?: number;
    timeUnit?: DurationInput;
    stages: StageInput[];
    preAllocatedVUs: number;
    maxVUs?: number;
  },
): RampingArrivalRateExecutor {
  return buildChecked('rampingArrivalRate', rampingArrivalRateOptions, o, (p) => ({
    executor: 'ramping-arrival-rate',
    startRate: p.startRate ?? 0,
    timeUnit: p.timeUnit ?? 1000,
    stages: p.stages.map((s) => ({ duration: s.duration, target: s.target })),
    preAllocatedVUs: p.preAllocatedVUs,
    maxVUs: p.maxVUs ?? p.preAllocatedVUs,
    ...common(p),
  }));
}

const iterationsOptions = strictObject({
  ...commonShape,
  vus: positive.optional(),
  iterations: positive.optional(),
  maxDuration: duration().optional(),
});

/** Each of `vus` VUs runs exactly `iterations` iterations (or until `maxDuration`). */
export function perVuIterations(
  o: CommonInput & { vus?: number; iterations?: number; maxDuration?: DurationInput },
): PerVuIterationsExecutor {
  return buildChecked('perVuIterations', iterationsOptions, o, (p) => ({
    executor: 'per-vu-iterations',
    vus: p.vus ?? 1,
    iterations: p.iterations ?? 1,
    maxDuration: p.maxDuration ?? K6_DEFAULT_MAX_DURATION_MS,
    ...common(p),
  }));
}

/** `iterations` in total, shared by `vus` VUs: whoever is free takes the next one. */
export function sharedIterations(
  o: CommonInput & { vus?: number; iterations?: number; maxDuration?: DurationInput },
): SharedIterationsExecutor {
  return buildChecked('sharedIterations', iterationsOptions, o, (p) => ({
    executor: 'shared-iterations',
    vus: p.vus ?? 1,
    iterations: p.iterations ?? 1,
    maxDuration: p.maxDuration ?? K6_DEFAULT_MAX_DURATION_MS,
    ...common(p),
  }));
}
