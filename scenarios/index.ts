export { scenario, ScenarioValidationError } from './scenario.js';
export type { Scenario, ScenarioInput, ValidationIssue } from './scenario.js';
// What scenario files get: builders that check their options (profile.ts and executors.ts build).
export {
  ramp,
  spike,
  soak,
  constantRate,
  stress,
  breakpoint,
  scenarios,
} from './checked-profiles.js';
export {
  constantVus,
  rampingVus,
  constantArrivalRate,
  rampingArrivalRate,
  perVuIterations,
  sharedIterations,
} from './checked-executors.js';
export type { Executor, ExecutorStage, ExecutorName } from './executors.js';
export { fixed, uniform, normal, type ThinkTime } from './think-time.js';
export { csvFeeder, jsonFeeder, Feeder, FeederExhaustedError, type FeederMode } from './feeders.js';
export { Trend, Counter, Rate, Gauge } from './metrics.js';
export { status, bodyContains, header, hasJson } from './checks.js';
export { jsonPath } from './json-path.js';
export { weighted, type WeightedFlow } from './weighted.js';
export type { ThresholdSource } from './thresholds.js';
export type {
  Profile,
  ClosedProfile,
  RampProfile,
  SpikeProfile,
  SoakProfile,
  ConstantRateProfile,
  StressProfile,
  BreakpointProfile,
  ScenariosProfile,
  Stage,
} from './profile.js';
export { parseDuration, formatDuration } from '../core/duration.js';
export type { Ms, DurationInput } from '../core/duration.js';
export type {
  VuContext,
  HttpApi,
  HttpResponse,
  RequestOptions,
  Flow,
  Checks,
} from './vu-context.js';
