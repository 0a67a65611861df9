import type { Ms } from './duration.js';
import type { ClosedProfile, Profile } from './profile.js';

export function profileDurationMs(profile: Profile): Ms {
  switch (profile.kind) {
    case 'ramp':
    case 'spike':
    case 'soak':
      return profile.stages.reduce((sum, s) => sum + s.durationMs, 0);
    case 'constantRate':
      return profile.durationMs;
    default:
      return assertNever(profile);
  }
}

/** Target VU count at `elapsedMs`, linear between stage ends as k6's ramping-vus does. */
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
  if (profile.kind === 'constantRate') return profile.maxVus;
  return Math.max(profile.startVus, ...profile.stages.map((s) => s.vus));
}

/** Stretches or shrinks the profile's timeline to `totalMs`, keeping its shape. */
export function withDuration<P extends Profile>(profile: P, totalMs: Ms): P {
  if (profile.kind === 'constantRate') return { ...profile, durationMs: totalMs };
  const current = profileDurationMs(profile);
  const factor = current === 0 ? 1 : totalMs / current;
  return {
    ...profile,
    stages: profile.stages.map((s) => ({ ...s, durationMs: Math.round(s.durationMs * factor) })),
  };
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
