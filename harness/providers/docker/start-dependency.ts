import type { DependencySpec } from '../../../targets/dependencies/dependency.js';
import type { LogSink } from './log-sink.js';
import { startPostgres, type StartedDependency } from './start-postgres.js';
import { startRedis } from './start-redis.js';

export function startDependency(
  spec: DependencySpec,
  port: number,
  image: string,
  runId: string,
  logs: LogSink,
  signal?: AbortSignal,
): Promise<StartedDependency> {
  switch (spec.kind) {
    case 'postgres':
      return startPostgres(spec, port, image, runId, logs, signal);
    case 'redis':
      return startRedis(spec, port, image, runId, logs, signal);
    default: {
      const unknown: never = spec;
      throw new Error(`unknown dependency ${JSON.stringify(unknown)}`);
    }
  }
}

export type { StartedDependency } from './start-postgres.js';
