import { z } from 'zod';

/**
 * k6's six executors as stored data: k6's field names and semantics, durations in
 * milliseconds. The scenario API builds these (scenarios/executors.ts) and run.json records
 * them resolved, so a reader knows exactly what load was offered.
 */
const ms = z.number().nonnegative();
const count = z.number().int().nonnegative();

export const executorCommonSchema = z.object({
  /** When this scenario starts, from the start of the run (k6 `startTime`). */
  startTime: ms.optional(),
  /** How long in-flight iterations may finish once the scenario ends (k6 default 30 s). */
  gracefulStop: ms.optional(),
  /** Tags added to every metric of this scenario. */
  tags: z.record(z.string(), z.string()).optional(),
  /** The flow this scenario runs: a key of the scenario's `flows` (k6 `exec`). */
  exec: z.string().optional(),
  /** Extra environment for this scenario's VUs. */
  env: z.record(z.string(), z.string()).optional(),
});

export const executorStageSchema = z.object({
  duration: ms,
  /** VUs (ramping-vus) or iterations per `timeUnit` (ramping-arrival-rate) at the stage's end. */
  target: z.number().nonnegative(),
});

export const constantVusSchema = executorCommonSchema.extend({
  executor: z.literal('constant-vus'),
  vus: count,
  duration: ms,
});
export const rampingVusSchema = executorCommonSchema.extend({
  executor: z.literal('ramping-vus'),
  startVUs: count,
  stages: z.array(executorStageSchema),
  /** How long a VU removed on the way down may finish its iteration (k6 default 30 s). */
  gracefulRampDown: ms.optional(),
});
export const constantArrivalRateSchema = executorCommonSchema.extend({
  executor: z.literal('constant-arrival-rate'),
  rate: z.number().nonnegative(),
  timeUnit: ms,
  duration: ms,
  preAllocatedVUs: count,
  maxVUs: count,
});
export const rampingArrivalRateSchema = executorCommonSchema.extend({
  executor: z.literal('ramping-arrival-rate'),
  startRate: z.number().nonnegative(),
  timeUnit: ms,
  stages: z.array(executorStageSchema),
  preAllocatedVUs: count,
  maxVUs: count,
});
export const perVuIterationsSchema = executorCommonSchema.extend({
  executor: z.literal('per-vu-iterations'),
  vus: count,
  iterations: count,
  maxDuration: ms,
});
export const sharedIterationsSchema = executorCommonSchema.extend({
  executor: z.literal('shared-iterations'),
  vus: count,
  iterations: count,
  maxDuration: ms,
});

export const executorSchema = z.discriminatedUnion('executor', [
  constantVusSchema,
  rampingVusSchema,
  constantArrivalRateSchema,
  rampingArrivalRateSchema,
  perVuIterationsSchema,
  sharedIterationsSchema,
]);

export type ExecutorCommon = z.infer<typeof executorCommonSchema>;
export type ExecutorStage = z.infer<typeof executorStageSchema>;
export type ConstantVusExecutor = z.infer<typeof constantVusSchema>;
export type RampingVusExecutor = z.infer<typeof rampingVusSchema>;
export type ConstantArrivalRateExecutor = z.infer<typeof constantArrivalRateSchema>;
export type RampingArrivalRateExecutor = z.infer<typeof rampingArrivalRateSchema>;
export type PerVuIterationsExecutor = z.infer<typeof perVuIterationsSchema>;
export type SharedIterationsExecutor = z.infer<typeof sharedIterationsSchema>;
export type Executor = z.infer<typeof executorSchema>;
export { EXECUTOR_NAMES, isOpenExecutor, type ExecutorName } from './executor-names.js';
