import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LoadrigError, RunDirError } from '../../core/errors.js';
import { readDigest } from '../../core/run-dir/read-digest.js';
import { parseMeta, readRun } from '../../core/run-dir/read-run.js';
import type { RunMeta } from '../../core/run-dir/run-data.js';
import { runFile } from '../../core/run-dir/run-files.js';
import type { RunDigest } from '../../core/run-dir/schema/digest.js';
import type { HistoryRun } from '../../reports/analysis/history/history-run.js';
import { digestRun } from '../../reports/analysis/history/run-digest.js';
import { markIfAborted } from '../store/mark-aborted.js';
import { findRunDirs } from './find-run-dirs.js';
import { runSelected, type RunFilter } from './run-filter.js';

export interface LoadedHistory {
  runs: HistoryRun[];
  /** Run directories left out, and why (unreadable, unfinished, filtered out). */
  skipped: { dir: string; reason: string }[];
  /** Runs without a usable digest.json, digested from their series (the slow path). */
  derived: number;
}

/**
 * Reads the runs of a folder for their history: run.json (validated) and digest.json, or,
 * when the digest is missing or stale (older runs), the whole run through readRun, digested
 * in memory. A broken run directory is reported and skipped, never fatal: one bad artifact
 * must not hide the history of a thousand good ones.
 */
export function loadHistoryRuns(
  runsDir: string,
  opts: { filter: RunFilter; writtenTo: string },
): LoadedHistory {
  const loaded: LoadedHistory = { runs: [], skipped: [], derived: 0 };
  for (const dir of findRunDirs(runsDir)) {
    try {
      // A run whose process died mid-run is marked aborted now: never a passed run.
      const aborted = markIfAborted(dir);
      if (aborted) {
        if (runSelected(aborted.meta, opts.filter)) {
          loaded.skipped.push({
            dir,
            reason: `status aborted (its loadrig process, pid ${aborted.meta.runner?.pid}, died while it ran; marked ${aborted.saved ? 'in run.json' : 'here only: run.json is not writable'})`,
          });
        }
        continue;
      }
      const { meta, digest, derived } = readForHistory(dir, opts.filter);
      if (!meta) continue;
      if (!digest) {
        loaded.skipped.push({ dir, reason: `status ${meta.status}` });
        continue;
      }
      if (derived) loaded.derived++;
      const report = runFile(dir, 'report');
      loaded.runs.push({
        id: meta.id,
        scenario: meta.scenario.name,
        branch: meta.git?.branch ?? null,
        commit: meta.git?.commit ?? null,
        dirty: meta.git?.dirty ?? false,
        startedAt: meta.startedAt,
        status: meta.status,
        report: existsSync(report) ? relative(opts.writtenTo, report).split('\\').join('/') : null,
        digest: { window: digest.window, requests: digest.requests, figures: digest.figures },
      });
    } catch (e) {
      if (!(e instanceof LoadrigError)) throw e;
      loaded.skipped.push({ dir, reason: e.message.split('\n')[0] ?? e.code });
    }
  }
  return loaded;
}

/** Meta undefined: filtered out; digest undefined: not a finished run. */
function readForHistory(
  dir: string,
  filter: RunFilter,
): { meta?: RunMeta; digest?: RunDigest; derived: boolean } {
  const metaPath = runFile(dir, 'meta');
  const raw = parseJson(metaPath) as { schemaVersion?: unknown };
  // Schema 1 runs are migrated from their series, so they are read whole; they have no digest.
  const whole = raw.schemaVersion === 2 ? undefined : readRun(dir);
  const meta = whole?.meta ?? parseMeta(raw, metaPath, []);
  if (!runSelected(meta, filter)) return { derived: false };
  if (meta.status !== 'passed' && meta.status !== 'failed') return { meta, derived: false };
  const stored = whole ? undefined : readDigest(dir, meta.id);
  if (stored) return { meta, digest: stored, derived: false };
  const run = whole ?? readRun(dir);
  return { meta, digest: digestRun(run), derived: true };
}

function parseJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RunDirError(
      path,
      `${path} is not valid JSON: ${(e as Error).message}`,
      'restore it from the run artifacts, or remove the run directory',
      { code: 'E_RUN_DATA' },
    );
  }
}
