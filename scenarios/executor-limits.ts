import type { ErrorIssue } from '../core/errors.js';
import { formatDuration } from '../core/duration.js';
import { profileExecutors } from '../core/run-dir/profile-executors.js';
import type { Executor } from './executors.js';
import type { Profile } from './profile.js';

/** k6 refuses executor durations under one second (lib/executor/constant_vus.go `minDuration`). */
export const K6_MIN_DURATION_MS = 1000;

/**
 * The bounds k6 v1.x puts on executors (lib/executor/*.go `Validate`) that loadrig's own types
 * do not already enforce. Both engines keep them, so a scenario that runs on one runs on the
 * other. `at(field)` names where the value was written.
 */
export function executorLimitIssues(e: Executor, at: (field: string) => string): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const minDuration = (field: 'duration' | 'maxDuration', ms: number): void => {
    if (ms >= K6_MIN_DURATION_MS) return;
    issues.push({
      path: at(field),
      message: `${field} ${formatDuration(ms)} is below the minimum of 1s for ${e.executor} (k6 refuses shorter ones); make it '1s' or longer`,
    });
  };
  switch (e.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      minDuration('duration', e.duration);
      break;
    case 'per-vu-iterations':
      minDuration('maxDuration', e.maxDuration);
      break;
    case 'shared-iterations':
      minDuration('maxDuration', e.maxDuration);
      if (e.iterations < e.vus) {
        issues.push({
          path: at('iterations'),
          message: `iterations ${e.iterations} is fewer than vus ${e.vus}: shared-iterations needs at least one iteration per VU (k6 refuses it); lower vus to ${e.iterations} or raise iterations to ${e.vus}`,
        });
      }
      break;
    case 'ramping-vus':
      if (Math.max(e.startVUs, ...e.stages.map((s) => s.target)) <= 0) {
        issues.push({
          path: at('stages'),
          message: `startVUs and every stage target are 0: ramping-vus needs at least one VU somewhere (k6 refuses it); raise a stage's target`,
        });
      }
      break;
    case 'ramping-arrival-rate':
      break;
  }
  return issues;
}

/** Where a profile builder's argument ended up in the executor it compiles to. */
const PROFILE_FIELDS: Partial<Record<Profile['kind'], Record<string, string>>> = {
  constantRate: { duration: 'profile.duration' },
  soak: { stages: 'profile.vus' },
  ramp: { stages: 'profile.to' },
  spike: { stages: 'profile.peak' },
  stress: { stages: 'profile.max' },
};

/** k6's executor bounds over every executor a profile runs, each issue at its written path. */
export function profileLimitIssues(profile: Profile, gracefulStopMs: number): ErrorIssue[] {
  return Object.entries(profileExecutors(profile, gracefulStopMs)).flatMap(([name, e]) =>
    executorLimitIssues(e, (field) =>
      profile.kind === 'scenarios'
        ? `profile.scenarios.${name}.${field}`
        : (PROFILE_FIELDS[profile.kind]?.[field] ?? 'profile'),
    ),
  );
}
