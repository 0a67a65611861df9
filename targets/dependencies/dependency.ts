import type { Ms } from '../../core/duration.js';

/** CPU and memory limits of one container. */
export interface ContainerResources {
  /** CPU quota in cores (0.5 = half of one core). */
  cpus?: number;
  memoryMb?: number;
}

/** A PostgreSQL server started before the target; its URL goes into the target's environment. */
export interface PostgresSpec {
  kind: 'postgres';
  name: string;
  image: string;
  /** 0 picks a free port on 127.0.0.1. */
  port: number;
  user: string;
  password: string;
  database: string;
  /** SQL run once the server accepts connections, before the target starts. */
  seedSql?: string;
  /** The target's environment variable that receives the connection URL. */
  urlEnv: string;
  resources?: ContainerResources;
  readyTimeoutMs: Ms;
}

/** A Redis server started before the target. */
export interface RedisSpec {
  kind: 'redis';
  name: string;
  image: string;
  port: number;
  urlEnv: string;
  resources?: ContainerResources;
  readyTimeoutMs: Ms;
}

export type DependencySpec = PostgresSpec | RedisSpec;
