import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerState } from '../meta/owner-process.js';
import { TEMP_PREFIX, tempDirOwnerPid } from './temp-dirs.js';

export interface LeftoverTempDir {
  path: string;
  ownerPid: number;
  bytes: number;
}

export interface TempDirScan {
  /** Directories whose loadrig process is gone: safe to remove. */
  dead: LeftoverTempDir[];
  /** Directories of loadrig processes still running: left alone. */
  live: number;
  /** `loadrig-*` entries whose name carries no owner (older loadrig versions): left alone. */
  unowned: number;
}

/**
 * The `loadrig-<pid>-*` directories under the temp dir, split by whether their owner is still
 * running. The owner is judged as a run's is: a pid now used by a process that started after
 * the directory was made is someone else's.
 */
export function scanTempDirs(root = tmpdir()): TempDirScan {
  const scan: TempDirScan = { dead: [], live: 0, unowned: 0 };
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return scan;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const path = join(root, name);
    const pid = tempDirOwnerPid(name);
    let madeMs: number;
    try {
      const stat = lstatSync(path);
      if (!stat.isDirectory()) continue;
      madeMs = stat.birthtimeMs > 0 ? stat.birthtimeMs : stat.mtimeMs;
    } catch {
      continue; // removed meanwhile
    }
    if (pid === undefined) {
      scan.unowned++;
    } else if (ownerState({ pid }, madeMs) === 'dead') {
      scan.dead.push({ path, ownerPid: pid, bytes: treeBytes(path) });
    } else {
      scan.live++;
    }
  }
  return scan;
}

/** Removes the directories; returns those it could not remove, with why. */
export function removeTempDirs(
  dirs: readonly LeftoverTempDir[],
): { path: string; message: string }[] {
  const failed: { path: string; message: string }[] = [];
  for (const dir of dirs) {
    try {
      rmSync(dir.path, { recursive: true, force: true });
    } catch (e) {
      failed.push({ path: dir.path, message: (e as Error).message });
    }
  }
  return failed;
}

function treeBytes(path: string): number {
  let total = 0;
  const visit = (p: string): void => {
    let stat;
    try {
      stat = lstatSync(p);
    } catch {
      return;
    }
    total += stat.isDirectory() ? 0 : stat.size;
    if (!stat.isDirectory()) return;
    let entries: string[] = [];
    try {
      entries = readdirSync(p);
    } catch {
      return;
    }
    for (const e of entries) visit(join(p, e));
  };
  visit(path);
  return total;
}
