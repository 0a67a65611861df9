import type { Ms } from '../../../core/duration.js';
import type { Executor } from '../../../scenarios/executors.js';
import { profileExecutors, stopsOnThresholdFail } from '../../../core/run-dir/profile-executors.js';
import type { Scenario } from '../../../scenarios/scenario.js';
import type { ThresholdSource } from '../../../scenarios/thresholds.js';
import { flowExportNames } from './flow-exports.js';
import { wholeRateExecutor } from './whole-rates.js';

/** k6 durations: whole milliseconds are always accepted (`'1500ms'`). */
export const k6Duration = (ms: Ms): string => `${Math.round(ms)}ms`;

export type K6Executor = Record<string, unknown> & { executor: string };
export type K6Threshold =
  string | { threshold: string; abortOnFail?: boolean; delayAbortEval?: string };

export interface K6Options {
  scenarios: Record<string, K6Executor>;
  thresholds: Record<string, K6Threshold[]>;
  tags: Record<string, string>;
  summaryTrendStats: string[];
  maxRedirects: number;
  insecureSkipTLSVerify: boolean;
  noCookiesReset: boolean;
}

/** What of a scenario the options come from. */
export type K6OptionsSource = Pick<
  Scenario,
  'name' | 'profile' | 'gracefulStopMs' | 'thresholdsSource'
> &
  Partial<
    Pick<Scenario, 'env' | 'flows' | 'maxRedirects' | 'insecureSkipTLSVerify' | 'noCookiesReset'>
  >;

/** Executor fields that hold durations: loadrig keeps them in ms, k6 wants duration strings. */
const DURATION_FIELDS = [
  'startTime',
  'gracefulStop',
  'gracefulRampDown',
  'duration',
  'timeUnit',
  'maxDuration',
] as const;

/**
 * One executor as k6 writes it: same names and semantics, durations as strings, rates as whole
 * numbers (k6's are integers: a fractional rate scales its time unit instead), `exec` naming the
 * exported function that runs the flow, and the scenario's `env` under the executor's own.
 */
export function k6Executor(
  e: Executor,
  exports: ReadonlyMap<string, string> = new Map(),
  env: Record<string, string> = {},
): K6Executor {
  const whole = wholeRateExecutor(e);
  const out: K6Executor = { ...whole };
  for (const field of DURATION_FIELDS) {
    const value = (whole as unknown as Record<string, unknown>)[field];
    if (typeof value === 'number') out[field] = k6Duration(value);
  }
  if ('stages' in whole)
    out['stages'] = whole.stages.map((s) => ({
      duration: k6Duration(s.duration),
      target: s.target,
    }));
  if (e.exec !== undefined) out['exec'] = exports.get(e.exec) ?? e.exec;
  const mergedEnv = { ...env, ...(e.env ?? {}) };
  if (Object.keys(mergedEnv).length > 0) out['env'] = mergedEnv;
  else delete out['env'];
  return out;
}

/**
 * A threshold as k6 takes it. Sliding windows are loadrig's own (k6 has none), so k6 judges a
 * windowed threshold over the whole run; loadrig still evaluates the window over the merged data.
 */
function k6Threshold(t: ThresholdSource, abortAll: boolean): K6Threshold {
  if (typeof t === 'string') return abortAll ? { threshold: t, abortOnFail: true } : t;
  const delay = t.delayAbortEval;
  return {
    threshold: t.threshold,
    ...(t.abortOnFail || abortAll ? { abortOnFail: true } : {}),
    ...(delay !== undefined
      ? { delayAbortEval: typeof delay === 'number' ? k6Duration(delay) : delay }
      : {}),
  };
}

/**
 * k6 `options` for a typed scenario: the profile's executors, the thresholds, and the HTTP
 * settings k6 has options for (`httpTimeout` has none: the runtime sets it on each request).
 */
export function k6Options(scenario: K6OptionsSource): K6Options {
  const executors = profileExecutors(scenario.profile, scenario.gracefulStopMs);
  const abortAll = stopsOnThresholdFail(scenario.profile);
  const exports = flowExportNames(Object.keys(scenario.flows ?? {}));
  return {
    scenarios: Object.fromEntries(
      Object.entries(executors).map(([name, e]) => [
        k6ScenarioName(name),
        k6Executor(e, exports, scenario.env ?? {}),
      ]),
    ),
    thresholds: Object.fromEntries(
      Object.entries(scenario.thresholdsSource).map(([metric, list]) => [
        metric,
        list.map((t) => k6Threshold(t, abortAll)),
      ]),
    ),
    tags: { loadrig_scenario: scenario.name },
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'],
    maxRedirects: scenario.maxRedirects ?? 10,
    insecureSkipTLSVerify: scenario.insecureSkipTLSVerify ?? false,
    noCookiesReset: scenario.noCookiesReset ?? false,
  };
}

/** k6 scenario names allow letters, digits, `_` and `-`. */
export function k6ScenarioName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'default';
}
