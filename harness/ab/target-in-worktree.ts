import { isAbsolute, join, relative, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import type { TargetRef } from '../../core/target-ref.js';
import type { ContainerTargetSpec } from '../../targets/container-target.js';
import { resolveTarget } from '../../targets/registry.js';
import type { LocalTargetSpec, TargetSpec } from '../../targets/target.js';

export interface WorktreePlace {
  /** The repository's root, as checked out where loadrig runs. */
  top: string;
  /** The side's worktree: the same tree at the side's ref. */
  worktree: string;
  /** Where loadrig runs (relative paths in a target resolve from here). */
  cwd: string;
}

/**
 * The scenario's target pointed at one ref's worktree: what `loadrig run` would start from the
 * working tree, started from that ref's checkout instead. A missing or relative cwd resolves
 * from the same place inside the worktree; absolute paths into the repository (cwd, command
 * and build arguments, a Docker build context) are moved into it. A target that is not built
 * from the repository (a URL, a ready-made image, code outside it) would make both sides run
 * the same thing, and is refused.
 */
export function targetInWorktree(ref: TargetRef | string, place: WorktreePlace): TargetSpec {
  const spec = resolveTarget(ref);
  const here = join(place.worktree, relative(place.top, place.cwd));
  const inside = (path: string): boolean => {
    const rel = relative(place.top, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const move = (path: string): string =>
    isAbsolute(path) && inside(path) ? join(place.worktree, relative(place.top, path)) : path;
  const moveArgs = <T extends string[] | string>(command: T): T =>
    (typeof command === 'string' ? command : command.map(move)) as T;
  switch (spec.kind) {
    case 'external':
      throw refused(spec.name, `it is a URL (${spec.baseUrl}) someone else runs`);
    case 'local': {
      const cwd =
        spec.cwd === undefined ? here : isAbsolute(spec.cwd) ? spec.cwd : resolve(here, spec.cwd);
      if (!inside(cwd) && !cwd.startsWith(place.worktree)) {
        throw refused(spec.name, `it starts in ${cwd}, outside the repository ${place.top}`);
      }
      const local: LocalTargetSpec = {
        ...spec,
        cwd: move(cwd),
        command: moveArgs(spec.command),
        ...(spec.build !== undefined ? { build: moveArgs(spec.build) } : {}),
      };
      return local;
    }
    case 'docker': {
      if (spec.source.kind !== 'build') {
        throw refused(
          spec.name,
          `it runs the image ${spec.source.image} whichever ref is checked out`,
        );
      }
      const context = isAbsolute(spec.source.context)
        ? move(spec.source.context)
        : resolve(here, spec.source.context);
      const docker: ContainerTargetSpec = { ...spec, source: { ...spec.source, context } };
      return docker;
    }
  }
}

function refused(name: string, why: string): UsageError {
  return new UsageError(
    `loadrig ab cannot run target "${name}" from each ref: ${why}`,
    'ab needs a target built from the repository: a local command (with cwd in the repository) or a container with build: { context }',
  );
}
