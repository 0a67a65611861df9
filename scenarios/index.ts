export { scenario, ScenarioValidationError } from './scenario.js';
export type { Scenario, ScenarioInput, ValidationIssue } from './scenario.js';
export { ramp, spike, soak, constantRate } from './profile.js';
export type {
  Profile,
  ClosedProfile,
  RampProfile,
  SpikeProfile,
  SoakProfile,
  ConstantRateProfile,
  Stage,
} from './profile.js';
export { parseDuration, formatDuration } from './duration.js';
export type { Ms, DurationInput } from './duration.js';
export type {
  VuContext,
  HttpApi,
  HttpResponse,
  RequestOptions,
  Flow,
  Checks,
} from './vu-context.js';
