import type { DependencySpec } from '../../../targets/dependencies/dependency.js';
import type { LogSink } from './log-sink.js';
import type { BridgeNetwork } from './run-network.js';
import { startPostgres, type StartedDependency } from './start-postgres.js';
import { startRedis } from './start-redis.js';

export interface DependencyStart {
  /** Its port on 127.0.0.1. */
  port: number;
  image: string;
  runId: string;
  logs: LogSink;
  signal?: AbortSignal;
  /** Bridge mode: the run's network (the target then reaches it by name). */
  network?: BridgeNetwork;
}

export function startDependency(
  spec: DependencySpec,
  how: DependencyStart,
): Promise<StartedDependency> {
  switch (spec.kind) {
    case 'postgres':
      return startPostgres(spec, how);
    case 'redis':
      return startRedis(spec, how);
    default: {
      const unknown: never = spec;
      throw new Error(`unknown dependency ${JSON.stringify(unknown)}`);
    }
  }
}

export type { StartedDependency } from './start-postgres.js';
