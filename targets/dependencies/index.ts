export { postgres, DEFAULT_POSTGRES_IMAGE, type PostgresInput } from './postgres.js';
export { redis, DEFAULT_REDIS_IMAGE, type RedisInput } from './redis.js';
export type { ContainerResources, DependencySpec, PostgresSpec, RedisSpec } from './dependency.js';
