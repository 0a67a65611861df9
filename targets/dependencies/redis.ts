import { z } from 'zod';
import { parseDuration, type DurationInput } from '../../core/duration.js';
import { TargetSpecError } from '../../core/errors.js';
import type { ContainerResources, RedisSpec } from './dependency.js';
import { containerNameSchema, issuesOf, resourcesSchema } from './resources-schema.js';

/** Built offline by infra/images/build.sh; with a registry, `redis:7` works the same way. */
export const DEFAULT_REDIS_IMAGE = 'loadrig/redis';

export interface RedisInput {
  name?: string;
  image?: string;
  port?: number;
  /** Variable of the target's environment that receives the URL (default REDIS_URL). */
  urlEnv?: string;
  resources?: ContainerResources;
  readyTimeout?: DurationInput;
}

const schema = z.object({
  name: containerNameSchema.optional(),
  image: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  urlEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  resources: resourcesSchema.optional(),
  readyTimeout: z.union([z.number(), z.string()]).optional(),
});

/** A Redis dependency: started first, its URL injected as REDIS_URL. */
export function redis(input: RedisInput = {}): RedisSpec {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new TargetSpecError(issuesOf('redis', parsed.error));
  return {
    kind: 'redis',
    name: input.name ?? 'redis',
    image: input.image ?? DEFAULT_REDIS_IMAGE,
    port: input.port ?? 0,
    urlEnv: input.urlEnv ?? 'REDIS_URL',
    ...(input.resources ? { resources: input.resources } : {}),
    readyTimeoutMs: parseDuration(input.readyTimeout ?? '30s', 'redis.readyTimeout'),
  };
}
