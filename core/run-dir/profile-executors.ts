import type { Ms } from '../duration.js';
import type { Executor } from './schema/executors.js';
import type { Profile } from './schema/profile.js';
import { assertNever } from '../assert-never.js';

/** The name of the one scenario a single-profile run has (as k6 names it). */
export const DEFAULT_SCENARIO = 'default';

/**
 * The k6 executors a profile runs as, by scenario name. `gracefulStopMs` is the scenario-level
 * default for executors that do not set their own.
 */
export function profileExecutors(profile: Profile, gracefulStopMs: Ms): Record<string, Executor> {
  const one = (e: Executor): Record<string, Executor> => ({
    [DEFAULT_SCENARIO]: { gracefulStop: gracefulStopMs, ...e },
  });
  switch (profile.kind) {
    case 'ramp':
    case 'spike':
    case 'soak':
    case 'stress':
      return one({
        executor: 'ramping-vus',
        startVUs: profile.startVus,
        stages: profile.stages.map((s) => ({ duration: s.durationMs, target: s.vus })),
        // VUs leaving on the way down finish their iteration within the same grace.
        gracefulRampDown: gracefulStopMs,
      });
    case 'constantRate':
      return one({
        executor: 'constant-arrival-rate',
        rate: profile.ratePerSec,
        timeUnit: 1000,
        duration: profile.durationMs,
        preAllocatedVUs: profile.preAllocatedVus,
        maxVUs: profile.maxVus,
      });
    case 'breakpoint':
      return one({
        executor: 'ramping-arrival-rate',
        startRate: profile.startRatePerSec,
        timeUnit: 1000,
        stages: [{ duration: profile.durationMs, target: profile.maxRatePerSec }],
        preAllocatedVUs: profile.preAllocatedVus,
        maxVUs: profile.maxVus,
      });
    case 'scenarios':
      return Object.fromEntries(
        Object.entries(profile.scenarios).map(([name, e]) => [
          name,
          { gracefulStop: gracefulStopMs, ...e },
        ]),
      );
    default:
      return assertNever(profile);
  }
}

/** Whether the profile ends the run as soon as a threshold fails (stress, breakpoint). */
export function stopsOnThresholdFail(profile: Profile): boolean {
  return profile.kind === 'stress' || profile.kind === 'breakpoint';
}
