import { z } from 'zod';
import type { DurationInput } from '../../core/duration.js';
import { refused } from '../../core/validation/carried-problems.js';
import { durationSchema } from '../../core/validation/duration-schema.js';
import { strictObject } from '../../core/validation/strict-object.js';
import { check } from '../../core/validation/zod-issues.js';
import { throwSpecError } from '../spec-error.js';
import type { ContainerResources, RedisSpec } from './dependency.js';
import { containerNameSchema, resourcesSchema } from './resources-schema.js';

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

const schema = strictObject({
  name: containerNameSchema.optional(),
  image: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  urlEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  resources: resourcesSchema.optional(),
  readyTimeout: durationSchema().optional(),
});

/** A Redis dependency: started first, its URL injected as REDIS_URL. */
export function redis(input: RedisInput = {}): RedisSpec {
  const parsed = check(schema, input);
  if (!parsed.ok) return refused('redis', parsed.issues, throwSpecError('redis'));
  const o = parsed.data;
  return {
    kind: 'redis',
    name: o.name ?? 'redis',
    image: o.image ?? DEFAULT_REDIS_IMAGE,
    port: o.port ?? 0,
    urlEnv: o.urlEnv ?? 'REDIS_URL',
    ...(input.resources ? { resources: input.resources } : {}),
    readyTimeoutMs: o.readyTimeout ?? 30_000,
  };
}
