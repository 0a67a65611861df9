import type { RunStatus } from '../../../core/run-dir/run-data.js';
import type { RunDigest } from '../../../core/run-dir/schema/digest.js';

/** One run as its history sees it: who made it, when, from which code, and its figures. */
export interface HistoryRun {
  id: string;
  scenario: string;
  /** The git branch of the code that ran, or null when the run recorded none. */
  branch: string | null;
  commit: string | null;
  /** Uncommitted changes were present: the commit alone does not say what ran. */
  dirty: boolean;
  /** ISO 8601. */
  startedAt: string;
  status: RunStatus;
  /** Link to the run's report.html, relative to where the history is written; null if none. */
  report: string | null;
  digest: Pick<RunDigest, 'window' | 'requests' | 'figures'>;
}

/** Runs of one scenario on one branch: the unit a history is computed over. */
export interface RunGroup {
  scenario: string;
  branch: string | null;
  /** Oldest first. */
  runs: HistoryRun[];
}

/** Scenario and branch, then start time (and id, for runs started in the same millisecond). */
export function groupRuns(runs: readonly HistoryRun[]): RunGroup[] {
  const groups = new Map<string, RunGroup>();
  for (const run of runs) {
    const key = JSON.stringify([run.scenario, run.branch]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { scenario: run.scenario, branch: run.branch, runs: [] }));
    group.runs.push(run);
  }
  for (const group of groups.values()) {
    group.runs.sort(
      (a, b) =>
        Date.parse(a.startedAt) - Date.parse(b.startedAt) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
  return [...groups.values()].sort(
    (a, b) => cmp(a.scenario, b.scenario) || cmp(a.branch ?? '', b.branch ?? ''),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
