import type { Ms } from '../../../scenarios/duration.js';
import type { Profile } from '../../../scenarios/profile.js';
import { assertNever } from '../../../scenarios/schedule.js';
import type { Scenario } from '../../../scenarios/scenario.js';

/** k6 durations: whole milliseconds are always accepted (`'1500ms'`). */
export const k6Duration = (ms: Ms): string => `${Math.round(ms)}ms`;

export type K6Executor = Record<string, unknown> & { executor: string };

export interface K6Options {
  scenarios: Record<string, K6Executor>;
  thresholds: Record<string, string[]>;
  tags: Record<string, string>;
  summaryTrendStats: string[];
}

/** The k6 executor that runs the same schedule as the built-in engine does for `profile`. */
export function k6Executor(profile: Profile, gracefulStopMs: Ms): K6Executor {
  switch (profile.kind) {
    case 'ramp':
    case 'spike':
    case 'soak':
      return {
        executor: 'ramping-vus',
        startVUs: profile.startVus,
        stages: profile.stages.map((s) => ({ duration: k6Duration(s.durationMs), target: s.vus })),
        gracefulRampDown: k6Duration(gracefulStopMs),
        gracefulStop: k6Duration(gracefulStopMs),
      };
    case 'constantRate':
      return {
        executor: 'constant-arrival-rate',
        rate: profile.ratePerSec,
        timeUnit: '1s',
        duration: k6Duration(profile.durationMs),
        preAllocatedVUs: profile.preAllocatedVus,
        maxVUs: profile.maxVus,
        gracefulStop: k6Duration(gracefulStopMs),
      };
    default:
      return assertNever(profile);
  }
}

/** k6 `options` for a typed scenario: one k6 scenario, the thresholds verbatim (same grammar). */
export function k6Options(
  scenario: Pick<Scenario, 'name' | 'profile' | 'gracefulStopMs' | 'thresholdsSource'>,
): K6Options {
  return {
    scenarios: {
      [k6ScenarioName(scenario.name)]: k6Executor(scenario.profile, scenario.gracefulStopMs),
    },
    thresholds: scenario.thresholdsSource,
    tags: { loadrig_scenario: scenario.name },
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)'],
  };
}

/** k6 scenario names allow letters, digits, `_` and `-`. */
export function k6ScenarioName(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'default';
}
