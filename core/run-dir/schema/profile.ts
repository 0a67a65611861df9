import { z } from 'zod';
import { executorSchema } from './executors.js';

/**
 * Load profiles as stored data: what `ramp()`, `spike()`, `constantRate()`... build and
 * run.json records. Durations in milliseconds, rates per second.
 */
const ms = z.number().nonnegative();
const count = z.number().int().nonnegative();

/** A point of a VU schedule: reach `vus` linearly over `durationMs`. */
export const stageSchema = z.object({ durationMs: ms, vus: count });

export const rampProfileSchema = z.object({
  kind: z.literal('ramp'),
  stages: z.array(stageSchema),
  startVus: count,
});
export const spikeProfileSchema = z.object({
  kind: z.literal('spike'),
  stages: z.array(stageSchema),
  startVus: count,
  baselineVus: count,
  peakVus: count,
});
export const soakProfileSchema = z.object({
  kind: z.literal('soak'),
  stages: z.array(stageSchema),
  startVus: count,
});
export const constantRateProfileSchema = z.object({
  kind: z.literal('constantRate'),
  ratePerSec: z.number().nonnegative(),
  durationMs: ms,
  preAllocatedVus: count,
  maxVus: count,
});
/** Steps of VUs, each held, up to a maximum; the run stops when a threshold breaks. */
export const stressProfileSchema = z.object({
  kind: z.literal('stress'),
  stages: z.array(stageSchema),
  startVus: count,
  stopOnThresholdFail: z.literal(true),
});
/** Arrival rate ramped up until the target breaks (a threshold fails), then stop. */
export const breakpointProfileSchema = z.object({
  kind: z.literal('breakpoint'),
  startRatePerSec: z.number().nonnegative(),
  maxRatePerSec: z.number().nonnegative(),
  durationMs: ms,
  preAllocatedVus: count,
  maxVus: count,
  stopOnThresholdFail: z.literal(true),
});
/** Several named k6 scenarios in one run, each with its own executor, start time and tags. */
export const scenariosProfileSchema = z.object({
  kind: z.literal('scenarios'),
  scenarios: z.record(z.string(), executorSchema),
});

export const profileSchema = z.discriminatedUnion('kind', [
  rampProfileSchema,
  spikeProfileSchema,
  soakProfileSchema,
  constantRateProfileSchema,
  stressProfileSchema,
  breakpointProfileSchema,
  scenariosProfileSchema,
]);

/** A run built from k6 JSON output made elsewhere: k6's options are not in that output. */
export const k6ImportProfileSchema = z.object({
  kind: z.literal('k6-import'),
  files: count,
});

/** What run.json may hold as the profile: a scenario's profile, or the mark of a k6 import. */
export const storedProfileSchema = z.discriminatedUnion('kind', [
  ...profileSchema.options,
  k6ImportProfileSchema,
]);

export type Stage = z.infer<typeof stageSchema>;
export type RampProfile = z.infer<typeof rampProfileSchema>;
export type SpikeProfile = z.infer<typeof spikeProfileSchema>;
export type SoakProfile = z.infer<typeof soakProfileSchema>;
export type ConstantRateProfile = z.infer<typeof constantRateProfileSchema>;
export type StressProfile = z.infer<typeof stressProfileSchema>;
export type BreakpointProfile = z.infer<typeof breakpointProfileSchema>;
export type ScenariosProfile = z.infer<typeof scenariosProfileSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type K6ImportProfile = z.infer<typeof k6ImportProfileSchema>;
export type StoredProfile = z.infer<typeof storedProfileSchema>;
/** Closed profiles loop virtual users; open ones schedule arrivals independent of responses. */
export type ClosedProfile = RampProfile | SpikeProfile | SoakProfile | StressProfile;
