import type { Ms } from '../../core/duration.js';
import { profileExecutors } from '../../core/run-dir/profile-executors.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { withDuration } from '../../scenarios/schedule.js';
import type { TargetSpec } from '../../targets/target.js';

/**
 * What the two refs' scenario files disagree on that compare would refuse afterwards (another
 * name, profile or target), found before any round runs rather than after all of them.
 */
export function sideDifferences(
  sides: Record<'base' | 'candidate', { scenario: Scenario; target: TargetSpec }>,
  durationMs: Ms | undefined,
): string[] {
  const describe = ({ scenario, target }: { scenario: Scenario; target: TargetSpec }) => {
    const profile =
      durationMs === undefined ? scenario.profile : withDuration(scenario.profile, durationMs);
    return {
      scenario: JSON.stringify(scenario.name),
      profile: JSON.stringify(profileExecutors(profile, scenario.gracefulStopMs)),
      target: `${target.name} (${target.kind})`,
    };
  };
  const a = describe(sides.base);
  const b = describe(sides.candidate);
  return (['scenario', 'profile', 'target'] as const)
    .filter((k) => a[k] !== b[k])
    .map(
      (k) => `${k}: the base ref's scenario file has ${clip(a[k])}, the candidate's ${clip(b[k])}`,
    );
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
