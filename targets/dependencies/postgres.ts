import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseDuration, type DurationInput } from '../../core/duration.js';
import { TargetSpecError } from '../../core/errors.js';
import type { ContainerResources, PostgresSpec } from './dependency.js';
import { containerNameSchema, issuesOf, resourcesSchema } from './resources-schema.js';

/** Built offline by infra/images/build.sh; with a registry, `postgres:16` works the same way. */
export const DEFAULT_POSTGRES_IMAGE = 'loadrig/postgres';

export interface PostgresInput {
  name?: string;
  image?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** SQL text, or `{ file }` read when the spec is declared. */
  seed?: string | { file: string };
  /** Variable of the target's environment that receives the URL (default DATABASE_URL). */
  urlEnv?: string;
  resources?: ContainerResources;
  readyTimeout?: DurationInput;
}

const schema = z.object({
  name: containerNameSchema.optional(),
  image: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  seed: z.union([z.string(), z.object({ file: z.string().min(1) })]).optional(),
  urlEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  resources: resourcesSchema.optional(),
  readyTimeout: z.union([z.number(), z.string()]).optional(),
});

function readSeed(seed: PostgresInput['seed']): string | undefined {
  if (seed === undefined || typeof seed === 'string') return seed;
  try {
    return readFileSync(seed.file, 'utf8');
  } catch (err) {
    throw new TargetSpecError([
      {
        path: 'postgres.seed.file',
        message: `cannot read ${seed.file}: ${(err as Error).message}`,
      },
    ]);
  }
}

/** A PostgreSQL dependency: started first, its URL injected as DATABASE_URL. */
export function postgres(input: PostgresInput = {}): PostgresSpec {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new TargetSpecError(issuesOf('postgres', parsed.error));
  const seedSql = readSeed(input.seed);
  return {
    kind: 'postgres',
    name: input.name ?? 'postgres',
    image: input.image ?? DEFAULT_POSTGRES_IMAGE,
    port: input.port ?? 0,
    user: input.user ?? 'loadrig',
    password: input.password ?? 'loadrig',
    database: input.database ?? 'loadrig',
    ...(seedSql !== undefined ? { seedSql } : {}),
    urlEnv: input.urlEnv ?? 'DATABASE_URL',
    ...(input.resources ? { resources: input.resources } : {}),
    readyTimeoutMs: parseDuration(input.readyTimeout ?? '60s', 'postgres.readyTimeout'),
  };
}
