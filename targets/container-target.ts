import { z } from 'zod';
import { parseDuration, type DurationInput, type Ms } from '../core/duration.js';
import type { ContainerResources, DependencySpec } from './dependencies/dependency.js';
import { issuesOf, resourcesSchema } from './dependencies/resources-schema.js';
import { TargetSpecError } from '../core/errors.js';
import type { HealthCheck } from './health-check.js';
import type { TargetMetrics } from './target-metrics.js';

/** How loadrig knows a container is ready: an HTTP answer, a log line, or a listening port. */
export type ContainerHealth =
  | ({ kind: 'http' } & HealthCheck)
  | { kind: 'log'; message: string; times: number; timeoutMs: Ms }
  | { kind: 'port'; timeoutMs: Ms };

export type ImageSource =
  { kind: 'image'; image: string } | { kind: 'build'; context: string; dockerfile: string };

/** A target run as one or more containers (behind nginx when replicas > 1), with dependencies. */
export interface ContainerTargetSpec {
  kind: 'docker';
  name: string;
  source: ImageSource;
  /** Replaces the image's CMD. */
  command?: string[];
  env: Record<string, string>;
  /** The port clients use on 127.0.0.1; 0 picks a free one. The service gets its port as PORT. */
  port: number;
  health: ContainerHealth;
  resources?: ContainerResources;
  /** 'auto': Node's heap limit follows the memory limit (75 %) unless set in NODE_OPTIONS. */
  nodeHeap: 'auto' | 'off';
  replicas: number;
  dependencies: DependencySpec[];
  /** 'host' (default: no NAT in the measured path) or 'bridge' with a published port. */
  network: 'host' | 'bridge';
  stopGraceMs: Ms;
  /** Preload loadrig's Node agent (default: when the image or command runs Node). */
  metrics?: Pick<TargetMetrics, 'agent'>;
}

export type ContainerHealthInput =
  | string
  | { path: string; timeout?: DurationInput; interval?: DurationInput; expectStatus?: number[] }
  | { log: string; times?: number; timeout?: DurationInput }
  | { port: true; timeout?: DurationInput };

interface ContainerTargetFields {
  name: string;
  command?: string[];
  env?: Record<string, string>;
  port?: number;
  health?: ContainerHealthInput;
  resources?: ContainerResources;
  nodeHeap?: 'auto' | 'off';
  replicas?: number;
  dependencies?: DependencySpec[];
  network?: 'host' | 'bridge';
  stopGrace?: DurationInput;
  metrics?: Pick<TargetMetrics, 'agent'>;
}

/** Exactly one of `image` (a local or pullable image) and `build` (a Dockerfile to build). */
export type ContainerTargetInput = ContainerTargetFields &
  (
    | { image: string; build?: never }
    | { build: { context: string; dockerfile?: string }; image?: never }
  );

const duration = z.union([z.number(), z.string()]).optional();
const schema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-"'),
    image: z.string().min(1).optional(),
    build: z
      .object({ context: z.string().min(1), dockerfile: z.string().min(1).optional() })
      .optional(),
    command: z.array(z.string()).min(1).optional(),
    env: z.record(z.string(), z.string()).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    health: z
      .union([
        z.string().startsWith('/'),
        z.object({
          path: z.string().startsWith('/'),
          timeout: duration,
          interval: duration,
          expectStatus: z.array(z.number().int()).optional(),
        }),
        z.object({
          log: z.string().min(1),
          times: z.number().int().min(1).optional(),
          timeout: duration,
        }),
        z.object({ port: z.literal(true), timeout: duration }),
      ])
      .optional(),
    resources: resourcesSchema.optional(),
    nodeHeap: z.enum(['auto', 'off']).optional(),
    replicas: z.number().int().min(1).max(64).optional(),
    dependencies: z
      .array(z.object({ kind: z.enum(['postgres', 'redis']), name: z.string() }).loose())
      .optional(),
    network: z.enum(['host', 'bridge']).optional(),
    stopGrace: duration,
    metrics: z.object({ agent: z.boolean().optional() }).strict().optional(),
  })
  .refine((t) => (t.image === undefined) !== (t.build === undefined), {
    message: 'give exactly one of image or build',
    path: ['image'],
  })
  .refine(
    (t) =>
      new Set((t.dependencies ?? []).map((d) => d.name)).size === (t.dependencies ?? []).length,
    {
      message: 'dependency names must be unique (give each one a name)',
      path: ['dependencies'],
    },
  );

export function isContainerInput(input: object): input is ContainerTargetInput {
  // A local target's `build` is a command (a string or argv); a container's is { context }.
  const build = 'build' in input ? input.build : undefined;
  return (
    ('image' in input && input.image !== undefined) ||
    (typeof build === 'object' && build !== null && !Array.isArray(build))
  );
}

function parseHealth(input: ContainerHealthInput | undefined): ContainerHealth {
  const timeout = (value: DurationInput | undefined, fallback: string): Ms =>
    parseDuration(value ?? fallback, 'target.health.timeout');
  if (input === undefined || typeof input === 'string') {
    return {
      kind: 'http',
      path: input ?? '/health',
      timeoutMs: timeout(undefined, '60s'),
      intervalMs: 100 as Ms,
    };
  }
  if ('log' in input) {
    return {
      kind: 'log',
      message: input.log,
      times: input.times ?? 1,
      timeoutMs: timeout(input.timeout, '60s'),
    };
  }
  if ('port' in input) return { kind: 'port', timeoutMs: timeout(input.timeout, '60s') };
  return {
    kind: 'http',
    path: input.path,
    timeoutMs: timeout(input.timeout, '60s'),
    intervalMs: parseDuration(input.interval ?? '100ms', 'target.health.interval'),
    ...(input.expectStatus ? { expectStatus: input.expectStatus } : {}),
  };
}

/** Declares a container target. Validates every field and reports them all at once. */
export function containerTarget(input: ContainerTargetInput): ContainerTargetSpec {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new TargetSpecError(issuesOf('target', parsed.error));
  const source: ImageSource = input.build
    ? {
        kind: 'build',
        context: input.build.context,
        dockerfile: input.build.dockerfile ?? 'Dockerfile',
      }
    : { kind: 'image', image: input.image ?? '' };
  return {
    kind: 'docker',
    name: input.name,
    source,
    ...(input.command ? { command: input.command } : {}),
    env: input.env ?? {},
    port: input.port ?? 0,
    health: parseHealth(input.health),
    ...(input.resources ? { resources: input.resources } : {}),
    nodeHeap: input.nodeHeap ?? 'auto',
    replicas: input.replicas ?? 1,
    dependencies: input.dependencies ?? [],
    network: input.network ?? 'host',
    stopGraceMs: parseDuration(input.stopGrace ?? '5s', 'target.stopGrace'),
    ...(input.metrics !== undefined ? { metrics: input.metrics } : {}),
  };
}
