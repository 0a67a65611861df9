import { readFileSync, statSync } from 'node:fs';
import { abortedMeta } from '../../core/run-dir/aborted-run.js';
import { lastRecordedMs } from '../../core/run-dir/last-second.js';
import { parseMeta } from '../../core/run-dir/read-run.js';
import type { RunMeta } from '../../core/run-dir/run-data.js';
import { runFile } from '../../core/run-dir/run-files.js';
import { RUN_SCHEMA_VERSION } from '../../core/run-dir/schema/run-meta.js';
import { ownerState } from '../meta/owner-process.js';
import { writeFileAtomic } from './write-file-atomic.js';

export interface AbortedRun {
  dir: string;
  meta: RunMeta;
  /** False when run.json could not be rewritten (a read-only folder): the mark is in memory only. */
  saved: boolean;
}

/**
 * A run still marked `running` whose loadrig process is gone (its pid dead on this host, or
 * reused by another process) is marked `aborted` in run.json, ending at its last recorded second
 * (or when run.json was last written, if none was). Returns undefined for every other run: a
 * finished one, one still going, one written on another host, or one without a recorded runner.
 */
export function markIfAborted(dir: string, now = new Date()): AbortedRun | undefined {
  const metaPath = runFile(dir, 'meta');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(metaPath, 'utf8'));
  } catch {
    return undefined; // unreadable: the reader that needs it says why
  }
  const head = raw as { schemaVersion?: unknown; status?: unknown };
  // Older schemas are migrated on read, never rewritten.
  if (head.schemaVersion !== RUN_SCHEMA_VERSION || head.status !== 'running') return undefined;
  const meta = parseMeta(raw, metaPath, []);
  if (!meta.runner) return undefined;
  if (ownerState(meta.runner, Date.parse(meta.startedAt)) !== 'dead') return undefined;
  const endMs = lastRecordedMs(dir) ?? statSync(metaPath).mtimeMs;
  const marked = abortedMeta(meta, endMs, now);
  let saved = true;
  try {
    writeFileAtomic(metaPath, JSON.stringify(marked, null, 2) + '\n');
  } catch {
    saved = false;
  }
  return { dir, meta: marked, saved };
}

/** The one line each command prints about a run it found dead. */
export function abortedNotice(run: AbortedRun): string {
  const runner = run.meta.runner;
  return `${run.dir}: its loadrig process (pid ${runner?.pid ?? '?'}) is gone; marked aborted, ended ${run.meta.endedAt ?? '?'}${run.saved ? '' : ' (run.json is not writable: not saved)'}`;
}
