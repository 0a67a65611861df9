import { existsSync, readFileSync } from 'node:fs';
import { runFile } from './run-files.js';
import { runDigestSchema, type RunDigest } from './schema/digest.js';

/**
 * digest.json of a run directory when it is there, valid, and written for this run; undefined
 * otherwise (older runs, a digest of another version or copied from elsewhere), in which case
 * the caller digests the run from its series instead. Never throws for a bad digest: it is
 * derived data, and the series it came from are the truth.
 */
export function readDigest(dir: string, runId: string): RunDigest | undefined {
  const path = runFile(dir, 'digest');
  if (!existsSync(path)) return undefined;
  try {
    const parsed = runDigestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success && parsed.data.runId === runId ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
