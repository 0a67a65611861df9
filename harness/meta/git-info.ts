import { execFileSync } from 'node:child_process';

export interface GitInfo {
  commit: string;
  branch: string;
  dirty: boolean;
}

/** The commit and branch of `cwd`, or undefined outside a git work tree (or without git). */
export function gitInfo(cwd: string): GitInfo | undefined {
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    }).trim();
  try {
    return {
      commit: git('rev-parse', 'HEAD'),
      branch: git('rev-parse', '--abbrev-ref', 'HEAD'),
      dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    };
  } catch {
    return undefined;
  }
}
