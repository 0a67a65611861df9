import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { RunWriteError } from '../../core/errors.js';

/**
 * Replaces a file atomically (a temp file renamed over it), so a reader never sees half of it
 * and a failed write (disk full, read-only) leaves the old content whole. A failure is a
 * RunWriteError naming the file.
 */
export function writeFileAtomic(path: string, content: string, runDir?: string): string {
  const tmp = `${path}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // A read-only folder: nothing was written there either.
    }
    throw new RunWriteError(path, e, runDir);
  }
  return path;
}
