import type { DependencySpec } from '../../../targets/dependencies/dependency.js';
import { InternalError } from '../../../core/errors.js';
import type { DependencyStart, StartedDependency } from './dependency-start.js';
import { startPostgres } from './start-postgres.js';
import { startRedis } from './start-redis.js';

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
      throw new InternalError(`unknown dependency ${JSON.stringify(unknown)}`);
    }
  }
}

export type { DependencyStart, StartedDependency } from './dependency-start.js';
