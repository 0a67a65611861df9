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
export { postgres, redis } from './targets/dependencies/index.js';
export type {
  ContainerResources,
  DependencySpec,
  PostgresInput,
  PostgresSpec,
  RedisInput,
  RedisSpec,
} from './targets/dependencies/index.js';
export type {
  ContainerHealthInput,
  ContainerTargetInput,
  ContainerTargetSpec,
} from './targets/container-target.js';
