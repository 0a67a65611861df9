import { assertNever } from '../core/assert-never.js';
import type { Ms } from '../core/duration.js';
import type { Executor } from './executors.js';
import type { ClosedProfile, Profile } from './profile.js';

export function profileDurationMs(profile: Profile): Ms {
  switch (profile.kind) {
    case 'ramp':
    case 'spike':
    case 'soak':
    case 'stress':
      return profile.stages.reduce((sum, s) => sum + s.durationMs, 0);
    case 'constantRate':
    case 'breakpoint':
      return profile.durationMs;
    case 'scenarios':
      return Math.max(
        0,
        ...Object.values(profile.scenarios).map((e) => (e.startTime ?? 0) + executorDurationMs(e)),
      );
    default:
      return assertNever(profile);
  }
}

/** How long an executor's schedule lasts, from its own start (graceful stop not included). */
export function executorDurationMs(e: Executor): Ms {
  switch (e.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return e.duration;
    case 'ramping-vus':
    case 'ramping-arrival-rate':
      return e.stages.reduce((sum, s) => sum + s.duration, 0);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return e.maxDuration;
    default:
      return assertNever(e);
  }
}

/** Target VU count at `elapsedMs`, linear between stage ends. */
export function vusAt(profile: ClosedProfile, elapsedMs: Ms): number {
  let from = profile.startVus;
  let start = 0;
  for (const s of profile.stages) {
    const end = start + s.durationMs;
    if (elapsedMs < end) {
      const fraction = s.durationMs === 0 ? 1 : (elapsedMs - start) / s.durationMs;
      return Math.round(from + (s.vus - from) * fraction);
    }
    from = s.vus;
    start = end;
  }
  return 0;
}

/** Peak VUs the profile can ask for. */
export function maxVus(profile: Profile): number {
  switch (profile.kind) {
    case 'constantRate':
    case 'breakpoint':
      return profile.maxVus;
    case 'scenarios':
      return Object.values(profile.scenarios).reduce((n, e) => n + executorVus(e), 0);
    default:
      return Math.max(profile.startVus, ...profile.stages.map((s) => s.vus));
  }
}

function executorVus(e: Executor): number {
  switch (e.executor) {
    case 'ramping-vus':
      return Math.max(e.startVUs, ...e.stages.map((s) => s.target));
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return e.maxVUs;
    default:
      return e.vus;
  }
}

/** Stretches or shrinks the profile's timeline to `totalMs`, keeping its shape. */
export function withDuration<P extends Profile>(profile: P, totalMs: Ms): P {
  const current = profileDurationMs(profile);
  const factor = current === 0 ? 1 : totalMs / current;
  const scale = (ms: Ms): Ms => Math.round(ms * factor);
  switch (profile.kind) {
    case 'constantRate':
    case 'breakpoint':
      return { ...profile, durationMs: totalMs };
    case 'scenarios':
      return {
        ...profile,
        scenarios: Object.fromEntries(
          Object.entries(profile.scenarios).map(([name, e]) => [name, scaleExecutor(e, scale)]),
        ),
      };
    default:
      return {
        ...profile,
        stages: profile.stages.map((s) => ({ ...s, durationMs: scale(s.durationMs) })),
      };
  }
}

function scaleExecutor(e: Executor, scale: (ms: Ms) => Ms): Executor {
  const startTime = e.startTime === undefined ? {} : { startTime: scale(e.startTime) };
  switch (e.executor) {
    case 'constant-vus':
    case 'constant-arrival-rate':
      return { ...e, ...startTime, duration: scale(e.duration) };
    case 'ramping-vus':
    case 'ramping-arrival-rate':
      return {
        ...e,
        ...startTime,
        stages: e.stages.map((s) => ({ ...s, duration: scale(s.duration) })),
      };
    case 'per-vu-iterations':
    case 'shared-iterations':
      return { ...e, ...startTime, maxDuration: scale(e.maxDuration) };
    default:
      return assertNever(e);
  }
}

export { assertNever } from '../core/assert-never.js';
