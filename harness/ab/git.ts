import { execFileSync } from 'node:child_process';
import { UsageError } from '../../core/errors.js';

/** Runs git and returns its trimmed output; a failure becomes a usage error quoting git. */
export function git(cwd: string, args: readonly string[], hint?: string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch (e) {
    const err = e as { stderr?: string; message: string; code?: string };
    if (err.code === 'ENOENT') {
      throw new UsageError(
        'git is not installed or not on PATH',
        'loadrig ab checks refs out with git',
      );
    }
    const said = (err.stderr ?? '').trim().split('\n').at(-1) || err.message;
    throw new UsageError(`git ${args.join(' ')} failed: ${said}`, hint);
  }
}

/** The root of the work tree `cwd` lies in. */
export function gitTopLevel(cwd: string): string {
  return git(
    cwd,
    ['rev-parse', '--show-toplevel'],
    'run loadrig ab inside the git repository of the code under test',
  );
}

/** The full commit a ref names (branch, tag, sha, HEAD~1...). */
export function resolveCommit(top: string, ref: string): string {
  return git(
    top,
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
    `check the ref: git log -1 ${ref}`,
  );
}
