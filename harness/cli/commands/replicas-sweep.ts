import type { Scenario } from '../../../scenarios/scenario.js';
import { resolveTarget } from '../../../targets/registry.js';
import type { TargetSpec } from '../../../targets/target.js';
import { UsageError } from '../../../core/errors.js';

/** `--replicas 1,2,4` → [1, 2, 4]: whole numbers from 1 to 64, each once. */
export function parseReplicasFlag(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const counts = parts.map(Number);
  const bad = parts.filter(
    (p, i) => !/^\d+$/.test(p) || (counts[i] ?? 0) < 1 || (counts[i] ?? 0) > 64,
  );
  if (bad.length > 0 || new Set(counts).size !== counts.length) {
    throw new UsageError(
      `--replicas ${text} is not a list of distinct replica counts from 1 to 64${bad.length > 0 ? ` (bad: ${bad.join(', ')})` : ''}`,
      'e.g. --replicas 1,2,4',
    );
  }
  return counts;
}

/** The scenario with its container target at `replicas` instances, named after the count. */
export function withReplicas(scenario: Scenario, replicas: number, targetFlag?: string): Scenario {
  const spec = resolveTarget(targetFlag ?? scenario.target);
  if (spec.kind !== 'docker') {
    throw new UsageError(
      `--replicas needs a container target, but target "${spec.name}" is ${spec.kind === 'local' ? 'a local process' : 'an external URL'}`,
      "declare the target with image or build: target({ name, image: 'my/api', ... })",
    );
  }
  const counted: TargetSpec = { ...spec, replicas };
  return { ...scenario, name: `${scenario.name}-${replicas}x`, target: counted };
}
