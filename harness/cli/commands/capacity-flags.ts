import { DurationSyntaxError, parseDuration } from '../../../core/duration.js';
import { UsageError } from '../../../core/errors.js';
import {
  DEFAULT_STEADINESS,
  type SteadinessRule,
} from '../../../reports/analysis/capacity/steadiness.js';
import {
  DEFAULT_FIT_RULES,
  type FitRules,
} from '../../../reports/analysis/capacity/usl-summary.js';
import type { StepPlan } from '../../lifecycle/capacity/step-plan.js';

/** What `loadrig capacity` takes, as commander hands it over (strings, nothing defaulted). */
export interface CapacityFlags {
  slo?: string;
  maxErrorRate?: string;
  targetRate?: string;
  headroom?: string;
  steps?: string;
  stepRate?: string;
  stepDuration?: string;
  steadyWindow?: string;
  steadyCv?: string;
  measure?: string;
  from?: string;
  replicas?: string;
  sweep?: string;
  target?: string;
  runs?: string;
  output?: string;
  engine?: string;
  format?: string;
  minR2?: string;
  resamples?: string;
  seed?: string;
}

export const DEFAULT_CLOSED_STEPS = [1, 2, 4, 8, 16, 32, 64];
const DEFAULT_STEP_DURATION = '30s';
const DEFAULT_MEASURE = '10s';

/** A number in [min, max]; `flag` names it in the error. */
export function numberFlag(
  text: string | undefined,
  flag: string,
  fallback: number,
  range: { min: number; max: number; integer?: boolean; example: string },
): number {
  if (text === undefined) return fallback;
  const v = Number(text.trim());
  const ok = text.trim() !== '' && Number.isFinite(v) && v >= range.min && v <= range.max;
  if (!ok || (range.integer && !Number.isInteger(v))) {
    throw new UsageError(
      `${flag} ${text} is not a ${range.integer ? 'whole number' : 'number'} from ${range.min} to ${range.max}`,
      `e.g. ${flag} ${range.example}`,
    );
  }
  return v;
}

function durationFlag(text: string, flag: string, minMs: number): number {
  try {
    const ms = parseDuration(text, flag);
    if (ms < minMs)
      throw new UsageError(`${flag} ${text} is shorter than ${minMs / 1000} s`, `e.g. ${flag} 30s`);
    return ms;
  } catch (e) {
    if (e instanceof DurationSyntaxError) throw new UsageError(e.message, `e.g. ${flag} 30s`);
    throw e;
  }
}

function listFlag(text: string, flag: string, integer: boolean): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const values = parts.map(Number);
  const bad = parts.filter((p, i) => {
    const v = values[i] as number;
    return p === '' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v));
  });
  const rising = values.every((v, i) => i === 0 || v > (values[i - 1] as number));
  if (bad.length > 0 || !rising) {
    throw new UsageError(
      `${flag} ${text} is not a rising list of positive ${integer ? 'whole numbers' : 'numbers'}${bad.length > 0 ? ` (bad: ${bad.join(', ')})` : ''}`,
      integer ? `e.g. ${flag} 1,2,4,8,16,32` : `e.g. ${flag} 50,100,200,400`,
    );
  }
  return values;
}

/** The steps to run: `--steps` VUs (closed), `--step-rate` arrivals per second (open). */
export function stepPlanFromFlags(flags: CapacityFlags): StepPlan {
  if (flags.steps !== undefined && flags.stepRate !== undefined) {
    throw new UsageError(
      '--steps and --step-rate were both given',
      '--steps 1,2,4 steps VUs (closed model); --step-rate 50,100,200 steps arrivals per second (open model): pick one',
    );
  }
  const open = flags.stepRate !== undefined;
  const levels = open
    ? listFlag(flags.stepRate as string, '--step-rate', false)
    : flags.steps !== undefined
      ? listFlag(flags.steps, '--steps', true)
      : DEFAULT_CLOSED_STEPS;
  const measureMs = durationFlag(flags.measure ?? DEFAULT_MEASURE, '--measure', 1000);
  const stepDurationMs = durationFlag(
    flags.stepDuration ?? DEFAULT_STEP_DURATION,
    '--step-duration',
    3000,
  );
  if (stepDurationMs < measureMs + 2000) {
    throw new UsageError(
      `--step-duration ${flags.stepDuration ?? DEFAULT_STEP_DURATION} leaves no time to settle before --measure ${flags.measure ?? DEFAULT_MEASURE}`,
      'give each step at least the measured time plus a few seconds, e.g. --step-duration 30s --measure 10s',
    );
  }
  return {
    model: open ? 'open' : 'closed',
    levels,
    stepDurationMs,
    steadiness: { ...DEFAULT_STEADINESS, ...steadinessFlags(flags) },
    measureSeconds: Math.round(measureMs / 1000),
  };
}

/** `--steady-window` and `--steady-cv`, only those given. */
export function steadinessFlags(flags: CapacityFlags): Partial<SteadinessRule> {
  const out: Partial<SteadinessRule> = {};
  if (flags.steadyWindow !== undefined) {
    out.windowSeconds = Math.round(
      durationFlag(flags.steadyWindow, '--steady-window', 2000) / 1000,
    );
  }
  if (flags.steadyCv !== undefined) {
    out.cvBound = numberFlag(flags.steadyCv, '--steady-cv', DEFAULT_STEADINESS.cvBound, {
      min: 0.001,
      max: 1,
      example: '0.05',
    });
  }
  return out;
}

export function fitRulesFromFlags(flags: CapacityFlags): FitRules {
  return {
    ...DEFAULT_FIT_RULES,
    minRSquared: numberFlag(flags.minR2, '--min-r2', DEFAULT_FIT_RULES.minRSquared, {
      min: 0,
      max: 1,
      example: '0.9',
    }),
    resamples: numberFlag(flags.resamples, '--resamples', DEFAULT_FIT_RULES.resamples, {
      min: 10,
      max: 10_000,
      integer: true,
      example: '200',
    }),
    seed: numberFlag(flags.seed, '--seed', DEFAULT_FIT_RULES.seed, {
      min: 0,
      max: 2 ** 32 - 1,
      integer: true,
      example: '1',
    }),
  };
}
