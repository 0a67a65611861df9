import { join } from 'node:path';
import { makeTempDir, removeTempDirNow } from '../temp/temp-dirs.js';
import { git } from './git.js';

export type Side = 'base' | 'candidate';

/**
 * A detached git worktree per side, in a private temporary folder, removed by `remove()`: after
 * the rounds, on an error, on Ctrl-C, and (synchronously, from the process's `exit` event) when
 * a second Ctrl-C exits at once. Only a SIGKILL can leave one behind: `git worktree prune` and
 * `loadrig clean` (which removes the loadrig-<pid>-ab-* folder of a dead process) clean it up.
 */
export class RefWorktrees {
  private removed = false;
  private readonly onExit = (): void => this.remove();

  private constructor(
    private readonly top: string,
    readonly root: string,
    readonly paths: Record<Side, string>,
  ) {
    process.on('exit', this.onExit);
  }

  static create(top: string, commits: Record<Side, string>): RefWorktrees {
    const root = makeTempDir('ab');
    const paths = { base: join(root, 'base'), candidate: join(root, 'candidate') };
    const trees = new RefWorktrees(top, root, paths);
    try {
      for (const side of ['base', 'candidate'] as const) {
        git(top, ['worktree', 'add', '--detach', paths[side], commits[side]]);
      }
    } catch (e) {
      trees.remove();
      throw e;
    }
    return trees;
  }

  /** Idempotent; never throws (a cleanup that fails must not hide the error that led to it). */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    process.off('exit', this.onExit);
    for (const path of Object.values(this.paths)) {
      try {
        git(this.top, ['worktree', 'remove', '--force', path]);
      } catch {
        // Not created, or already gone: the folder is removed below and prune forgets it.
      }
    }
    removeTempDirNow(this.root);
    try {
      git(this.top, ['worktree', 'prune']);
    } catch {
      // The repository itself is gone; nothing is left to forget.
    }
  }
}
