import { ScenarioValidationError, type ErrorIssue } from '../core/errors.js';
import { z } from 'zod';
import type { DurationInput, Ms } from '../core/duration.js';
import type { Profile } from './profile.js';
import {
  parseThresholds,
  ThresholdListError,
  type Threshold,
  type ThresholdSource,
} from './thresholds.js';
import { EXECUTOR_NAMES } from './executors.js';
import { profileLimitIssues } from './executor-limits.js';
import { problemsOf, underPath } from '../core/validation/carried-problems.js';
import { strict, strictObject } from '../core/validation/strict-object.js';
import { check } from '../core/validation/zod-issues.js';
import { durationSchema } from '../core/validation/duration-schema.js';
import type { Flow } from './vu-context.js';
import type { TargetRef } from '../core/target-ref.js';

/**
 * Red-flag detector settings by detector name, or false to turn one off. The names and settings
 * are checked when the scenario file is loaded (the detectors live in the report layer).
 */
export type DetectorOverrides = Record<string, false | Record<string, number>>;

export interface ScenarioInput {
  name: string;
  /** A target spec, the name of a bundled target (`'sample-api'`), or a base URL. */
  target: TargetRef | string;
  profile: Profile;
  /** What each VU runs; with `flows`, what executors without `exec` run. */
  flow: Flow;
  /** Named flows, picked by an executor's `exec` (profile `scenarios({...})`). */
  flows?: Record<string, Flow>;
  thresholds?: Record<string, ThresholdSource | ThresholdSource[]>;
  /** Requests run before measurement starts (one VU looping the flow), not recorded. */
  warmup?: DurationInput;
  /** How long in-flight iterations may finish after the profile ends before they are cut. */
  gracefulStop?: DurationInput;
  env?: Record<string, string>;
  /** Per-request timeout unless a request sets its own (default 60 s). */
  httpTimeout?: DurationInput;
  /** Redirects followed per request (default 10, as k6; 0 turns following off). */
  maxRedirects?: number;
  /** Accept self-signed or otherwise invalid TLS certificates (k6 `insecureSkipTLSVerify`). */
  insecureSkipTLSVerify?: boolean;
  /**
   * Keep each VU's cookies from one iteration to the next (k6 `noCookiesReset`). By default, as
   * in k6, every iteration starts with an empty cookie jar: one iteration is one user's visit.
   */
  noCookiesReset?: boolean;
  /**
   * Worker threads of the built-in engine (default: the cores the machine can spare, minus
   * one). VUs and rates are split among them; their histograms merge exactly.
   */
  workers?: number;
  /**
   * Red-flag detector settings, by detector name (see the README's "Red flags"), or false to
   * turn one off: `{ 'latency.p99-tail': { warnRatio: 2.5 }, 'memory.linear-growth': false }`.
   */
  detectors?: DetectorOverrides;
}

export interface Scenario {
  readonly kind: 'loadrig.scenario';
  name: string;
  target: TargetRef | string;
  profile: Profile;
  flow: Flow;
  flows: Record<string, Flow>;
  thresholdsSource: Record<string, ThresholdSource[]>;
  thresholds: Threshold[];
  warmupMs: Ms;
  gracefulStopMs: Ms;
  env: Record<string, string>;
  httpTimeoutMs: Ms;
  maxRedirects: number;
  insecureSkipTLSVerify: boolean;
  noCookiesReset: boolean;
  workers?: number;
  detectors: DetectorOverrides;
  /** A plain k6 script that k6 runs as it is (`loadrig run script.js --engine k6`). */
  k6Script?: string;
}

export type ValidationIssue = ErrorIssue;
export { ScenarioValidationError };

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();
const executorStages = z.array(strictObject({ duration: ms, target: count })).min(1);
const executorSchema = z
  .object({
    executor: z.enum(EXECUTOR_NAMES),
    startTime: ms.optional(),
    gracefulStop: ms.optional(),
    gracefulRampDown: ms.optional(),
    tags: z.record(z.string(), z.string()).optional(),
    exec: z.string().optional(),
    env: z.record(z.string(), z.string()).optional(),
    vus: z.number().int().positive().optional(),
    duration: z.number().positive().optional(),
    startVUs: count.optional(),
    stages: executorStages.optional(),
    rate: z.number().positive().optional(),
    startRate: z.number().nonnegative().optional(),
    timeUnit: z.number().positive().optional(),
    preAllocatedVUs: z.number().int().positive().optional(),
    maxVUs: z.number().int().positive().optional(),
    iterations: z.number().int().positive().optional(),
    maxDuration: z.number().positive().optional(),
  })
  .superRefine((e, ctx) => {
    const need: Record<string, string[]> = {
      'constant-vus': ['vus', 'duration'],
      'ramping-vus': ['stages'],
      'constant-arrival-rate': ['rate', 'timeUnit', 'duration', 'preAllocatedVUs', 'maxVUs'],
      'ramping-arrival-rate': ['stages', 'timeUnit', 'preAllocatedVUs', 'maxVUs'],
      'per-vu-iterations': ['vus', 'iterations', 'maxDuration'],
      'shared-iterations': ['vus', 'iterations', 'maxDuration'],
    };
    for (const field of need[e.executor] ?? []) {
      if ((e as Record<string, unknown>)[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${e.executor} needs ${field}; build it with the executor helpers (constantVus(...), rampingArrivalRate(...))`,
        });
      }
    }
    if (e.preAllocatedVUs !== undefined && e.maxVUs !== undefined && e.maxVUs < e.preAllocatedVUs) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxVUs'],
        message: `maxVUs ${e.maxVUs} is below preAllocatedVUs ${e.preAllocatedVUs}; raise maxVUs`,
      });
    }
  });
const thresholdSourceSchema = z.union([
  z.string(),
  strictObject({
    threshold: z.string(),
    abortOnFail: z.boolean().optional(),
    delayAbortEval: z.union([z.string(), z.number()]).optional(),
    window: z.union([z.string(), z.number()]).optional(),
  }),
]);
const stages = z.array(strictObject({ durationMs: z.number().nonnegative(), vus: count })).min(1);
const profileSchema = z.discriminatedUnion('kind', [
  strictObject({ kind: z.literal('ramp'), startVus: count, stages }),
  strictObject({ kind: z.literal('soak'), startVus: count, stages }),
  strictObject({
    kind: z.literal('spike'),
    startVus: count,
    stages,
    baselineVus: count,
    peakVus: count,
  }),
  strictObject({
    kind: z.literal('constantRate'),
    ratePerSec: z.number().positive(),
    durationMs: z.number().positive(),
    preAllocatedVus: z.number().int().positive(),
    maxVus: z.number().int().positive(),
  }),
  strictObject({
    kind: z.literal('stress'),
    startVus: count,
    stages,
    stopOnThresholdFail: z.literal(true),
  }),
  strictObject({
    kind: z.literal('breakpoint'),
    startRatePerSec: z.number().nonnegative(),
    maxRatePerSec: z.number().positive(),
    durationMs: z.number().positive(),
    preAllocatedVus: z.number().int().positive(),
    maxVus: z.number().int().positive(),
    stopOnThresholdFail: z.literal(true),
  }),
  strictObject({
    kind: z.literal('scenarios'),
    scenarios: z
      .record(
        z.string().regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, _ and - (as k6)'),
        strict(executorSchema),
      )
      .refine((r) => Object.keys(r).length > 0, 'at least one named scenario'),
  }),
]);

const scenarioSchema = strictObject({
  name: z.string().min(1).max(200),
  target: z.union([
    z.string().min(1),
    z.object({ kind: z.enum(['local', 'external', 'docker']) }).loose(),
  ]),
  profile: profileSchema,
  flow: z.custom<Flow>(
    (v) => typeof v === 'function',
    'expected an async function (vu) => { ... }',
  ),
  flows: z
    .record(
      z.string(),
      z.custom<Flow>((v) => typeof v === 'function', 'expected an async function (vu) => { ... }'),
    )
    .optional(),
  thresholds: z
    .record(z.string(), z.union([thresholdSourceSchema, z.array(thresholdSourceSchema)]))
    .optional(),
  httpTimeout: durationSchema().optional(),
  maxRedirects: z.number().int().nonnegative().optional(),
  insecureSkipTLSVerify: z.boolean().optional(),
  noCookiesReset: z.boolean().optional(),
  workers: z.number().int().min(1).max(256).optional(),
  warmup: durationSchema().optional(),
  gracefulStop: durationSchema().optional(),
  env: z.record(z.string(), z.string()).optional(),
  detectors: z
    .record(z.string(), z.union([z.literal(false), z.record(z.string(), z.number())]))
    .optional(),
});

/** Fields whose builder (`ramp(...)`, `target(...)`) may hand on its problems instead of a value. */
const BUILT_FIELDS = ['profile', 'target'] as const;

/**
 * Declares a scenario. Every problem is reported with its path, not just the first: unknown
 * fields (with the nearest valid name), the problems profile and target builders handed on,
 * and threshold expressions. Detector names and threshold metrics are checked by the loader.
 */
export function scenario(input: ScenarioInput): Scenario {
  if (typeof input !== 'object' || input === null) {
    throw new ScenarioValidationError([
      { path: '(root)', message: 'expected an object: scenario({ name, target, profile, flow })' },
    ]);
  }
  // A builder's problems are listed as they are; the schema checks what is left.
  const carried = BUILT_FIELDS.flatMap((field) => underPath(field, problemsOf(input[field]) ?? []));
  const skipped = new Set<string>(BUILT_FIELDS.filter((f) => problemsOf(input[f]) !== undefined));
  const visible = Object.fromEntries(Object.entries(input).filter(([k]) => !skipped.has(k)));
  const parsed = check(scenarioSchema, visible);
  const issues: ValidationIssue[] = [
    ...carried,
    ...(parsed.ok ? [] : parsed.issues).filter((i) => !skipped.has(i.path.split('.')[0] ?? '')),
  ];
  let thresholds: Threshold[] = [];
  try {
    if (isRecord(input.thresholds)) thresholds = parseThresholds(input.thresholds);
  } catch (e) {
    if (!(e instanceof ThresholdListError)) throw e;
    for (const p of e.problems) {
      // The object form's own fields were checked by the schema (`threshold` missing, a typo).
      if (issues.some((i) => i.path.startsWith(p.path))) continue;
      issues.push({
        path: p.path,
        message: `${JSON.stringify(p.input)} is not valid; expected ${p.expected}`,
      });
    }
  }
  if (parsed.ok && input.profile.kind === 'scenarios') {
    for (const [name, e] of Object.entries(input.profile.scenarios)) {
      if (e.exec !== undefined && !(e.exec in (input.flows ?? {}))) {
        issues.push({
          path: `profile.scenarios.${name}.exec`,
          message: `"${e.exec}" is not among the flows (${Object.keys(input.flows ?? {}).join(', ') || 'none'}); add it to \`flows\``,
        });
      }
    }
  }
  if (parsed.ok) {
    issues.push(...profileLimitIssues(input.profile, parsed.data.gracefulStop ?? 5000));
  }
  if (issues.length > 0 || !parsed.ok) {
    throw new ScenarioValidationError(issues, {
      detectors: input.detectors,
      thresholds: input.thresholds,
    });
  }
  return {
    kind: 'loadrig.scenario',
    name: input.name,
    target: input.target,
    profile: input.profile,
    flow: input.flow,
    thresholdsSource: Object.fromEntries(
      Object.entries(input.thresholds ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
    ),
    thresholds,
    warmupMs: parsed.data.warmup ?? 0,
    gracefulStopMs: parsed.data.gracefulStop ?? 5000,
    env: input.env ?? {},
    flows: input.flows ?? {},
    httpTimeoutMs: parsed.data.httpTimeout ?? 60_000,
    maxRedirects: input.maxRedirects ?? 10,
    insecureSkipTLSVerify: input.insecureSkipTLSVerify ?? false,
    noCookiesReset: input.noCookiesReset ?? false,
    ...(input.workers !== undefined ? { workers: input.workers } : {}),
    detectors: input.detectors ?? {},
  };
}

const isRecord = (v: unknown): v is Record<string, ThresholdSource | ThresholdSource[]> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
