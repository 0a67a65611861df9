import { UsageError } from '../../../core/errors.js';
import { resolveTarget } from '../../../targets/registry.js';
import type { TargetSpec } from '../../../targets/target.js';
import type { SweepPlan } from '../../lifecycle/capacity/measure-capacity.js';
import { parseReplicasFlag, withReplicas } from './replicas-sweep.js';

/** `--replicas 1,2,4`: a container target behind nginx at each count. */
export function replicasSweep(text: string): SweepPlan {
  return {
    setting: 'replicas',
    values: parseReplicasFlag(text),
    apply: (scenario, value, targetFlag) => {
      const counted = withReplicas(scenario, value, targetFlag);
      return { ...counted, name: scenario.name };
    },
  };
}

const HINT =
  'e.g. --sweep env.WORKERS=1,2,4 (an environment variable of the target) or --sweep resources.cpus=1,2 (a numeric field of a container target)';

/** `--sweep env.WORKERS=1,2,4`: the target's setting at each value, one target per value. */
export function settingSweep(text: string): SweepPlan {
  const m = /^([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)=(.+)$/.exec(text.trim());
  const values = m?.[2]?.split(',').map((v) => Number(v.trim())) ?? [];
  if (!m || values.length === 0 || values.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--sweep ${text} is not <setting>=<number>,<number>,...`, HINT);
  }
  if (new Set(values).size !== values.length) {
    throw new UsageError(`--sweep ${text} repeats a value`, HINT);
  }
  const setting = m[1] as string;
  const path = setting.split('.');
  return {
    setting,
    values: [...values].sort((a, b) => a - b),
    apply: (scenario, value, targetFlag) => ({
      ...scenario,
      target: withSetting(resolveTarget(targetFlag ?? scenario.target), path, value, setting),
    }),
  };
}

/** A copy of the spec with one field set; `env.X` takes any name, other fields must exist as numbers. */
export function withSetting(
  spec: TargetSpec,
  path: string[],
  value: number,
  setting: string,
): TargetSpec {
  if (spec.kind === 'external') {
    throw new UsageError(
      `--sweep ${setting} needs a target loadrig starts, but "${spec.name}" is an external URL`,
      'declare the target with target({...}) or use a bundled target such as sample-api',
    );
  }
  if (path.length === 2 && path[0] === 'env') {
    return { ...spec, env: { ...spec.env, [path[1] as string]: String(value) } } as TargetSpec;
  }
  const set = (obj: unknown, at: number): unknown => {
    const key = path[at] as string;
    if (typeof obj !== 'object' || obj === null || !Object.hasOwn(obj, key)) throw unknownField();
    const current = (obj as Record<string, unknown>)[key];
    if (at === path.length - 1) {
      if (typeof current !== 'number') throw unknownField();
      return { ...obj, [key]: value };
    }
    return { ...obj, [key]: set(current, at + 1) };
  };
  const unknownField = () =>
    new UsageError(
      `--sweep ${setting}: target "${spec.name}" has no numeric field ${setting}`,
      HINT,
    );
  return set(spec, 0) as TargetSpec;
}
