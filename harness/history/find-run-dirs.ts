import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirError } from '../../core/errors.js';
import { runFile } from '../../core/run-dir/run-files.js';

/**
 * Run directories under `root`: its subdirectories that hold run.json, and one level further
 * down for folders that hold runs themselves (CI artifacts restored one per workflow run).
 */
export function findRunDirs(root: string): string[] {
  if (!existsSync(root)) {
    throw new RunDirError(
      root,
      `runs folder ${root} does not exist`,
      'pass the folder that holds the run directories with --runs <dir> (default: runs)',
    );
  }
  const out: string[] = [];
  const visit = (dir: string, depth: number): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (existsSync(runFile(path, 'meta'))) out.push(path);
      else if (depth > 0) visit(path, depth - 1);
    }
  };
  visit(root, 1);
  return out.sort();
}
