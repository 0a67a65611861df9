import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DurationInput } from '../../core/duration.js';
import type { ErrorIssue } from '../../core/errors.js';
import { refused } from '../../core/validation/carried-problems.js';
import { durationSchema } from '../../core/validation/duration-schema.js';
import { strictObject } from '../../core/validation/strict-object.js';
import { check } from '../../core/validation/zod-issues.js';
import { throwSpecError } from '../spec-error.js';
import type { ContainerResources, PostgresSpec } from './dependency.js';
import { containerNameSchema, resourcesSchema } from './resources-schema.js';

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

const schema = strictObject({
  name: containerNameSchema.optional(),
  image: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  seed: z.union([z.string(), strictObject({ file: z.string().min(1) })]).optional(),
  urlEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
    .optional(),
  resources: resourcesSchema.optional(),
  readyTimeout: durationSchema().optional(),
});

/** The seed's SQL: the text given, or the file's, read now so a missing file fails before any start. */
function readSeed(seed: PostgresInput['seed']): string | ErrorIssue | undefined {
  if (seed === undefined || typeof seed === 'string') return seed;
  try {
    return readFileSync(seed.file, 'utf8');
  } catch (err) {
    return { path: 'seed.file', message: `cannot read ${seed.file}: ${(err as Error).message}` };
  }
}

/** A PostgreSQL dependency: started first, its URL injected as DATABASE_URL. */
export function postgres(input: PostgresInput = {}): PostgresSpec {
  const parsed = check(schema, input);
  if (!parsed.ok) return refused('postgres', parsed.issues, throwSpecError('postgres'));
  const o = parsed.data;
  const seedSql = readSeed(o.seed);
  if (typeof seedSql === 'object')
    return refused('postgres', [seedSql], throwSpecError('postgres'));
  return {
    kind: 'postgres',
    name: o.name ?? 'postgres',
    image: o.image ?? DEFAULT_POSTGRES_IMAGE,
    port: o.port ?? 0,
    user: o.user ?? 'loadrig',
    password: o.password ?? 'loadrig',
    database: o.database ?? 'loadrig',
    ...(seedSql !== undefined ? { seedSql } : {}),
    urlEnv: o.urlEnv ?? 'DATABASE_URL',
    ...(input.resources ? { resources: input.resources } : {}),
    readyTimeoutMs: o.readyTimeout ?? 60_000,
  };
}
