import { parseDuration, type DurationInput, type Ms } from './duration.js';

/**
 * k6's six executors as plain data, with k6's field names and semantics, so the k6 engine maps
 * them 1:1 to `options.scenarios`. Durations are parsed to milliseconds here (k6 takes strings:
 * write them back as `${ms}ms`).
 */
export interface ExecutorCommon {
  /** When this scenario starts, from the start of the run (k6 `startTime`). */
  startTime?: Ms;
  /** How long in-flight iterations may finish once the scenario ends (k6 default 30 s). */
  gracefulStop?: Ms;
  /** Tags added to every metric of this scenario. */
  tags?: Record<string, string>;
  /** The flow this scenario runs: a key of the scenario's `flows` (k6 `exec`). */
  exec?: string;
  /** Extra environment for this scenario's VUs. */
  env?: Record<string, string>;
}

export interface ExecutorStage {
  duration: Ms;
  /** VUs (ramping-vus) or iterations per `timeUnit` (ramping-arrival-rate) at the stage's end. */
  target: number;
}

export interface ConstantVusExecutor extends ExecutorCommon {
  executor: 'constant-vus';
  vus: number;
  duration: Ms;
}
export interface RampingVusExecutor extends ExecutorCommon {
  executor: 'ramping-vus';
  startVUs: number;
  stages: ExecutorStage[];
  /** How long a VU removed on the way down may finish its iteration (k6 default 30 s). */
  gracefulRampDown?: Ms;
}
export interface ConstantArrivalRateExecutor extends ExecutorCommon {
  executor: 'constant-arrival-rate';
  rate: number;
  timeUnit: Ms;
  duration: Ms;
  preAllocatedVUs: number;
  maxVUs: number;
}
export interface RampingArrivalRateExecutor extends ExecutorCommon {
  executor: 'ramping-arrival-rate';
  startRate: number;
  timeUnit: Ms;
  stages: ExecutorStage[];
  preAllocatedVUs: number;
  maxVUs: number;
}
export interface PerVuIterationsExecutor extends ExecutorCommon {
  executor: 'per-vu-iterations';
  vus: number;
  iterations: number;
  maxDuration: Ms;
}
export interface SharedIterationsExecutor extends ExecutorCommon {
  executor: 'shared-iterations';
  vus: number;
  iterations: number;
  maxDuration: Ms;
}

export type Executor =
  | ConstantVusExecutor
  | RampingVusExecutor
  | ConstantArrivalRateExecutor
  | RampingArrivalRateExecutor
  | PerVuIterationsExecutor
  | SharedIterationsExecutor;

export type ExecutorName = Executor['executor'];
export const EXECUTOR_NAMES: readonly ExecutorName[] = [
  'constant-vus',
  'ramping-vus',
  'constant-arrival-rate',
  'ramping-arrival-rate',
  'per-vu-iterations',
  'shared-iterations',
];

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
