import { readFileSync } from 'node:fs';
import { parseMeta } from '../../core/run-dir/read-run.js';
import type { RunMeta } from '../../core/run-dir/run-data.js';
import { runFile } from '../../core/run-dir/run-files.js';
import { RUN_SCHEMA_VERSION } from '../../core/run-dir/schema/run-meta.js';
import { findRunDirs } from '../history/find-run-dirs.js';

/** The run directories of a runs folder whose run.json still says `running` (alive or not). */
export function runsInProgress(runsDir: string): { dir: string; meta: RunMeta }[] {
  const found: { dir: string; meta: RunMeta }[] = [];
  for (const dir of findRunDirs(runsDir)) {
    const path = runFile(dir, 'meta');
    try {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as {
        schemaVersion?: unknown;
        status?: unknown;
      };
      if (raw.schemaVersion !== RUN_SCHEMA_VERSION || raw.status !== 'running') continue;
      found.push({ dir, meta: parseMeta(raw, path, []) });
    } catch {
      // Unreadable or broken: `loadrig report` on it says why; ps lists runs in progress only.
    }
  }
  return found;
}
