import { parseDuration, type DurationInput } from '../core/duration.js';

import type {
  ConstantArrivalRateExecutor,
  ConstantVusExecutor,
  ExecutorCommon,
  ExecutorStage,
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

function common(o: CommonInput): ExecutorCommon {
  const c: ExecutorCommon = {};
  if (o.startTime !== undefined) c.startTime = parseDuration(o.startTime, 'startTime');
  if (o.gracefulStop !== undefined) c.gracefulStop = parseDuration(o.gracefulStop, 'gracefulStop');
  if (o.tags !== undefined) c.tags = o.tags;
  if (o.exec !== undefined) c.exec = o.exec;
  if (o.env !== undefined) c.env = o.env;
  return c;
}
const stages = (list: StageInput[]): ExecutorStage[] =>
  list.map((s, i) => ({
    duration: parseDuration(s.duration, `stages.${i}.duration`),
    target: s.target,
  }));

/** A fixed number of VUs looping the flow for `duration`. */
export function constantVus(
  o: CommonInput & { vus?: number; duration: DurationInput },
): ConstantVusExecutor {
  return {
    executor: 'constant-vus',
    vus: o.vus ?? 1,
    duration: parseDuration(o.duration, 'duration'),
    ...common(o),
  };
}

/** VUs ramped through `stages` (linear within a stage). */
export function rampingVus(
  o: CommonInput & { startVUs?: number; stages: StageInput[]; gracefulRampDown?: DurationInput },
): RampingVusExecutor {
  return {
    executor: 'ramping-vus',
    startVUs: o.startVUs ?? 1,
    stages: stages(o.stages),
    ...(o.gracefulRampDown !== undefined
      ? { gracefulRampDown: parseDuration(o.gracefulRampDown, 'gracefulRampDown') }
      : {}),
    ...common(o),
  };
}

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
  return {
    executor: 'constant-arrival-rate',
    rate: o.rate,
    timeUnit: parseDuration(o.timeUnit ?? '1s', 'timeUnit'),
    duration: parseDuration(o.duration, 'duration'),
    preAllocatedVUs: o.preAllocatedVUs,
    maxVUs: o.maxVUs ?? o.preAllocatedVUs,
    ...common(o),
  };
}

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
  return {
    executor: 'ramping-arrival-rate',
    startRate: o.startRate ?? 0,
    timeUnit: parseDuration(o.timeUnit ?? '1s', 'timeUnit'),
    stages: stages(o.stages),
    preAllocatedVUs: o.preAllocatedVUs,
    maxVUs: o.maxVUs ?? o.preAllocatedVUs,
    ...common(o),
  };
}

/** Each of `vus` VUs runs exactly `iterations` iterations (or until `maxDuration`). */
export function perVuIterations(
  o: CommonInput & { vus?: number; iterations?: number; maxDuration?: DurationInput },
): PerVuIterationsExecutor {
  return {
    executor: 'per-vu-iterations',
    vus: o.vus ?? 1,
    iterations: o.iterations ?? 1,
    maxDuration: parseDuration(o.maxDuration ?? K6_DEFAULT_MAX_DURATION_MS, 'maxDuration'),
    ...common(o),
  };
}

/** `iterations` in total, shared by `vus` VUs: whoever is free takes the next one. */
export function sharedIterations(
  o: CommonInput & { vus?: number; iterations?: number; maxDuration?: DurationInput },
): SharedIterationsExecutor {
  return {
    executor: 'shared-iterations',
    vus: o.vus ?? 1,
    iterations: o.iterations ?? 1,
    maxDuration: parseDuration(o.maxDuration ?? K6_DEFAULT_MAX_DURATION_MS, 'maxDuration'),
    ...common(o),
  };
}
