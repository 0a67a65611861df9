import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { runFile } from '../../core/run-dir/run-files.js';

const isRunDir = (dir: string): boolean => existsSync(runFile(dir, 'meta'));

/**
 * The run directories one side of a comparison names: a run directory, a folder whose
 * subfolders are run directories (all of them, in name order: an `ab` side, a CI artifact of
 * rounds), or several of those separated by commas.
 */
export function runDirsOf(arg: string, role: string): string[] {
  const parts = arg
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(`the ${role} names no run directory`, usageHint);
  const dirs: string[] = [];
  for (const part of parts) {
    const dir = resolve(part);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UsageError(`${role} ${part} is not a directory`, usageHint);
    }
    if (isRunDir(dir)) {
      dirs.push(dir);
      continue;
    }
    const inside = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && isRunDir(join(dir, e.name)))
      .map((e) => join(dir, e.name))
      .sort();
    if (inside.length === 0) {
      throw new UsageError(
        `${role} ${part} is neither a run directory (no run.json) nor a folder of run directories`,
        usageHint,
      );
    }
    dirs.push(...inside);
  }
  return [...new Set(dirs)];
}

const usageHint =
  'give a run directory (runs/<id>), a folder of run directories, or several separated by commas';
