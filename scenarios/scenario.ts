import { z } from 'zod';
import { parseDuration, type DurationInput, type Ms } from './duration.js';
import type { Profile } from './profile.js';
import { parseThresholds, ThresholdListError, type Threshold } from './thresholds.js';
import type { Flow } from './vu-context.js';
import type { TargetSpec } from '../targets/target.js';

export interface ScenarioInput {
  name: string;
  /** A target spec, the name of a bundled target (`'sample-api'`), or a base URL. */
  target: TargetSpec | string;
  profile: Profile;
  flow: Flow;
  thresholds?: Record<string, string | string[]>;
  /** Requests run before measurement starts (one VU looping the flow), not recorded. */
  warmup?: DurationInput;
  /** How long in-flight iterations may finish after the profile ends before they are cut. */
  gracefulStop?: DurationInput;
  env?: Record<string, string>;
}

export interface Scenario {
  readonly kind: 'loadrig.scenario';
  name: string;
  target: TargetSpec | string;
  profile: Profile;
  flow: Flow;
  thresholdsSource: Record<string, string[]>;
  thresholds: Threshold[];
  warmupMs: Ms;
  gracefulStopMs: Ms;
  env: Record<string, string>;
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export class ScenarioValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'ScenarioValidationError';
  }
}

const count = z.number().int().nonnegative();
const stages = z.array(z.object({ durationMs: z.number().nonnegative(), vus: count })).min(1);
const profileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ramp'), startVus: count, stages }),
  z.object({ kind: z.literal('soak'), startVus: count, stages }),
  z.object({
    kind: z.literal('spike'),
    startVus: count,
    stages,
    baselineVus: count,
    peakVus: count,
  }),
  z.object({
    kind: z.literal('constantRate'),
    ratePerSec: z.number().positive(),
    durationMs: z.number().positive(),
    preAllocatedVus: z.number().int().positive(),
    maxVus: z.number().int().positive(),
  }),
]);

const scenarioSchema = z.object({
  name: z.string().min(1).max(200),
  target: z.union([z.string().min(1), z.object({ kind: z.enum(['local', 'external', 'docker']) }).loose()]),
  profile: profileSchema,
  flow: z.custom<Flow>(
    (v) => typeof v === 'function',
    'expected an async function (vu) => { ... }',
  ),
  thresholds: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  warmup: z.union([z.number().nonnegative(), z.string()]).optional(),
  gracefulStop: z.union([z.number().nonnegative(), z.string()]).optional(),
  env: z.record(z.string(), z.string()).optional(),
});

/** Declares a scenario. Every problem is reported with its path, not just the first. */
export function scenario(input: ScenarioInput): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.') || '(root)',
        message: i.message,
      }));
  let thresholds: Threshold[] = [];
  try {
    thresholds = parseThresholds(input.thresholds ?? {});
  } catch (e) {
    if (!(e instanceof ThresholdListError)) throw e;
    for (const p of e.problems)
      issues.push({
        path: p.path,
        message: `${JSON.stringify(p.input)} is not valid; expected ${p.expected}`,
      });
  }
  const durations: [string, DurationInput | undefined, DurationInput][] = [
    ['warmup', input.warmup, 0],
    ['gracefulStop', input.gracefulStop, '5s'],
  ];
  const ms: Record<string, Ms> = {};
  for (const [field, value, fallback] of durations) {
    try {
      ms[field] = parseDuration(value ?? fallback, field);
    } catch (e) {
      issues.push({ path: field, message: (e as Error).message.replace(`${field}: `, '') });
    }
  }
  if (issues.length > 0) throw new ScenarioValidationError(issues);
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
    warmupMs: ms['warmup'] ?? 0,
    gracefulStopMs: ms['gracefulStop'] ?? 5000,
    env: input.env ?? {},
  };
}
