import { loadModelOf, runPhases } from './phases.js';
import { profileExecutors } from './profile-executors.js';
import { storedProfileSchema } from './schema/profile.js';
import type { ClientBucket } from './schema/series.js';

/** Scenarios of loadrig 0.1.0 that set no gracefulStop used this; it only shapes the drain. */
const V1_DEFAULT_GRACEFUL_STOP_MS = 5000;

/**
 * run.json of schema 1 (loadrig 0.1.0) as schema 2: the executors, load model and phases that
 * version did not record are derived from its profile, with the load taken to start in the
 * first recorded second (`phasesSource: 'derived'`). Fields are otherwise unchanged; the result
 * is validated like any schema-2 file, so a v1 file that breaks the format still fails.
 */
export function migrateV1(raw: Record<string, unknown>, client: readonly ClientBucket[]): unknown {
  const scenario = (raw['scenario'] ?? {}) as Record<string, unknown>;
  const profile = storedProfileSchema.safeParse(scenario['profile']);
  const executors =
    profile.success && profile.data.kind !== 'k6-import'
      ? profileExecutors(profile.data, V1_DEFAULT_GRACEFUL_STOP_MS)
      : {};
  const first = client[0];
  const last = client.at(-1);
  const durationMs = typeof scenario['durationMs'] === 'number' ? scenario['durationMs'] : 0;
  const phases =
    first && last && Object.keys(executors).length > 0
      ? runPhases({
          executors,
          loadStartMs: first.t * 1000,
          loadEndMs: Math.min(first.t * 1000 + durationMs, (last.t + 1) * 1000),
        })
      : [];
  return {
    ...raw,
    schemaVersion: 2,
    scenario: { ...scenario, loadModel: loadModelOf(executors), executors },
    phases,
    phasesSource: 'derived',
  };
}
