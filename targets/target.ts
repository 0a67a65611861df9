import { z } from 'zod';
import { TargetSpecError } from '../core/errors.js';
import { parseDuration, type DurationInput, type Ms } from '../core/duration.js';
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

const inputSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
  command: z.union([z.string().min(1), z.array(z.string()).min(1)]),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().optional(),
  health: z
    .union([
      z.string().startsWith('/'),
      z.object({
        path: z.string().startsWith('/'),
        timeout: z.union([z.number(), z.string()]).optional(),
        interval: z.union([z.number(), z.string()]).optional(),
        expectStatus: z.array(z.number().int()).optional(),
      }),
    ])
    .optional(),
  stopGrace: z.union([z.number(), z.string()]).optional(),
  metrics: z
    .object({
      agent: z.boolean().optional(),
      prometheus: z.string().startsWith('/').optional(),
      postgres: z.string().startsWith('postgres').optional(),
      redis: z.string().startsWith('redis').optional(),
    })
    .strict()
    .optional(),
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
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    throw new TargetSpecError(
      parsed.error.issues.map((i) => ({
        path: ['target', ...i.path].join('.'),
        message: i.message,
      })),
    );
  }
  const health =
    typeof input.health === 'string' || input.health === undefined
      ? { path: input.health ?? '/health' }
      : input.health;
  return {
    kind: 'local',
    name: input.name,
    command: input.command,
    ...(input.cwd !== undefined ? { cwd: input.cwd } : {}),
    env: input.env ?? {},
    port: input.port ?? 0,
    host: input.host ?? '127.0.0.1',
    health: {
      path: health.path,
      timeoutMs: parseDuration(
        ('timeout' in health ? health.timeout : undefined) ?? '30s',
        'target.health.timeout',
      ),
      intervalMs: parseDuration(
        ('interval' in health ? health.interval : undefined) ?? '100ms',
        'target.health.interval',
      ),
      ...('expectStatus' in health && health.expectStatus
        ? { expectStatus: health.expectStatus }
        : {}),
    },
    stopGraceMs: parseDuration(input.stopGrace ?? '5s', 'target.stopGrace'),
    ...(input.metrics !== undefined ? { metrics: input.metrics } : {}),
    ...(input.build !== undefined ? { build: input.build } : {}),
  };
}

/** A URL someone else runs; loadrig only drives load at it. */
export function externalTarget(baseUrl: string, name = new URL(baseUrl).host): ExternalTargetSpec {
  return { kind: 'external', name, baseUrl: baseUrl.replace(/\/$/, '') };
}
