import { z } from 'zod';
import { TargetSpecError } from '../core/errors.js';
import type { DurationInput, Ms } from '../core/duration.js';
import { refused } from '../core/validation/carried-problems.js';
import { throwSpecError } from './spec-error.js';
import { durationSchema } from '../core/validation/duration-schema.js';
import { strictObject } from '../core/validation/strict-object.js';
import { check } from '../core/validation/zod-issues.js';
import {
  containerTarget,
  isContainerInput,
  type ContainerTargetInput,
  type ContainerTargetSpec,
} from './container-target.js';
import type { HealthCheck } from './health-check.js';
import type { TargetMetrics } from './target-metrics.js';

export type { HealthCheck } from './health-check.js';
export type { TargetMetrics } from './target-metrics.js';

/** A target started as a local process: the embedded default. */
export interface LocalTargetSpec {
  kind: 'local';
  name: string;
  /** argv: `['node', 'server.js']`. A string is run through the shell. */
  command: string[] | string;
  cwd?: string;
  env: Record<string, string>;
  /** Port the target listens on; 0 picks a free one and passes it as PORT. */
  port: number;
  host: string;
  health: HealthCheck;
  stopGraceMs: Ms;
  metrics?: TargetMetrics;
  /**
   * Builds the target from its sources (`['npm', 'run', 'build']`; a string runs through the
   * shell), in `cwd`. `loadrig ab` runs it once in each ref's worktree before the rounds;
   * `loadrig run` starts the working tree as it is.
   */
  build?: string[] | string;
}

/** A target someone else runs. */
export interface ExternalTargetSpec {
  kind: 'external';
  name: string;
  baseUrl: string;
  health?: HealthCheck;
}

export type TargetSpec = LocalTargetSpec | ExternalTargetSpec | ContainerTargetSpec;

export interface TargetInput {
  name: string;
  command: string[] | string;
  cwd?: string;
  env?: Record<string, string>;
  port?: number;
  host?: string;
  health?:
    | string
    | { path: string; timeout?: DurationInput; interval?: DurationInput; expectStatus?: number[] };
  stopGrace?: DurationInput;
  metrics?: TargetMetrics;
  /** A command that builds the target in `cwd` (run by `loadrig ab` in each worktree). */
  build?: string[] | string;
}

const inputSchema = strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
  command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().optional(),
  health: z
    .union([
      z.string().startsWith('/'),
      strictObject({
        path: z.string().startsWith('/'),
        timeout: durationSchema().optional(),
        interval: durationSchema().optional(),
        expectStatus: z.array(z.number().int()).optional(),
      }),
    ])
    .optional(),
  stopGrace: durationSchema().optional(),
  metrics: strictObject({
    agent: z.boolean().optional(),
    prometheus: z.string().startsWith('/').optional(),
    postgres: z.string().startsWith('postgres').optional(),
    redis: z.string().startsWith('redis').optional(),
  }).optional(),
  build: z
    .union([
      z.string().trim().min(1, 'a command to run, e.g. "npm run build"'),
      z.array(z.string()).min(1, "a command and its arguments, e.g. ['npm', 'run', 'build']"),
    ])
    .optional(),
});

export { TargetSpecError };

/** Declares a target: a container with `image` or `build`, else a local process. */
export function target(input: ContainerTargetInput): ContainerTargetSpec;
/** Declares a local-process target. Validates every field and reports them all at once. */
export function target(input: TargetInput): LocalTargetSpec;
export function target(
  input: TargetInput | ContainerTargetInput,
): LocalTargetSpec | ContainerTargetSpec {
  if (isContainerInput(input)) return containerTarget(input);
  const parsed = check(inputSchema, input);
  if (!parsed.ok) return refused('target', parsed.issues, throwSpecError('target'));
  const o = parsed.data;
  const health = typeof o.health === 'object' ? o.health : { path: o.health ?? '/health' };
  return {
    kind: 'local',
    name: o.name,
    command: o.command,
    ...(o.cwd !== undefined ? { cwd: o.cwd } : {}),
    env: o.env ?? {},
    port: o.port ?? 0,
    host: o.host ?? '127.0.0.1',
    health: {
      path: health.path,
      timeoutMs: ('timeout' in health ? health.timeout : undefined) ?? 30_000,
      intervalMs: ('interval' in health ? health.interval : undefined) ?? 100,
      ...('expectStatus' in health && health.expectStatus
        ? { expectStatus: health.expectStatus }
        : {}),
    },
    stopGraceMs: o.stopGrace ?? 5000,
    ...(input.metrics !== undefined ? { metrics: input.metrics } : {}),
    ...(input.build !== undefined ? { build: input.build } : {}),
  };
}

/** A URL someone else runs; loadrig only drives load at it. */
export function externalTarget(baseUrl: string, name = new URL(baseUrl).host): ExternalTargetSpec {
  return { kind: 'external', name, baseUrl: baseUrl.replace(/\/$/, '') };
}
