import { TargetError } from '../core/errors.js';
import type { TargetRef } from '../core/target-ref.js';
import { sampleApi } from './sample-api/index.js';
import { externalTarget, type LocalTargetSpec, type TargetSpec } from './target.js';

/** Targets that ship with loadrig, by the name a user gives on the command line. */
export const bundledTargets = {
  'sample-api': () => sampleApi(),
} satisfies Record<string, () => LocalTargetSpec>;

export type BundledTargetName = keyof typeof bundledTargets;

function httpUrl(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

const SPEC_KINDS: readonly string[] = [
  'local',
  'docker',
  'external',
] satisfies TargetSpec['kind'][];

/** A spec as is; a string as an http(s) URL (an external target) or a bundled target's name. */
export function resolveTarget(ref: TargetRef | string): TargetSpec {
  if (typeof ref !== 'string') {
    if (SPEC_KINDS.includes(ref.kind)) return ref as TargetSpec;
    throw new TargetError(
      'E_TARGET_INVALID',
      `target "${ref.name}" has kind "${ref.kind}"; expected one of ${SPEC_KINDS.join(', ')}`,
      "declare the target with target({...}) from 'loadrig', or give a bundled target's name or a URL",
    );
  }
  const url = httpUrl(ref.trim());
  if (url) return externalTarget(url);
  if (Object.hasOwn(bundledTargets, ref)) return bundledTargets[ref as BundledTargetName]();
  const names = Object.keys(bundledTargets).join(', ');
  throw new TargetError(
    'E_TARGET_UNKNOWN',
    `unknown target "${ref}": not a bundled target (${names}) nor an http(s) URL`,
    `use one of: ${names}, or the URL of a running service such as http://127.0.0.1:8080`,
  );
}
