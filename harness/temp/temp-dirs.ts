import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Every temporary directory loadrig makes (agent sockets, balancer configs and logs, k6 scripts
 * and output, ab worktrees) is named `loadrig-<pid>-<kind>-XXXXXX`, so `loadrig clean` can tell
 * from the name alone whose it is, and whether that process is gone.
 */
export const TEMP_PREFIX = 'loadrig-';
const OWNED = /^loadrig-(\d+)-/;

const owned = new Set<string>();
let exitHook = false;

/** The pid in a temp directory's name, or undefined for a name without one (older versions). */
export function tempDirOwnerPid(name: string): number | undefined {
  const match = OWNED.exec(basename(name));
  return match ? Number(match[1]) : undefined;
}

/**
 * A new private directory under the system temp dir, removed by `removeTempDir`, and at the
 * latest when the process exits (an error, a second Ctrl-C); only a SIGKILL leaves it behind,
 * for `loadrig clean`.
 */
export function makeTempDir(kind: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-${kind}-`));
  owned.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', removeAllNow);
  }
  return dir;
}

/** Removes one of this process's temp directories; never throws (a cleanup must not hide an error). */
export async function removeTempDir(dir: string): Promise<void> {
  owned.delete(dir);
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
}

/** The synchronous form, for `exit` handlers. */
export function removeTempDirNow(dir: string): void {
  owned.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // Left for `loadrig clean`.
  }
}

function removeAllNow(): void {
  for (const dir of [...owned]) removeTempDirNow(dir);
}
