/** loadrig's public entry: what scenario and target files import. */
export * from './scenarios/index.js';
export { target, externalTarget, TargetSpecError } from './targets/target.js';
export type {
  TargetSpec,
  LocalTargetSpec,
  ExternalTargetSpec,
  TargetInput,
  HealthCheck,
} from './targets/target.js';
