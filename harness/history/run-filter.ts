import type { RunMeta } from '../../core/run-dir/run-data.js';

/** `--scenario`, `--branch`, `--since`: which runs enter the history. */
export interface RunFilter {
  scenario?: string;
  branch?: string;
  /** Unix ms: runs that started before are left out. */
  sinceMs?: number;
}

export function runSelected(meta: Pick<RunMeta, 'scenario' | 'git' | 'startedAt'>, f: RunFilter) {
  if (f.scenario !== undefined && meta.scenario.name !== f.scenario) return false;
  if (f.branch !== undefined && meta.git?.branch !== f.branch) return false;
  if (f.sinceMs !== undefined && Date.parse(meta.startedAt) < f.sinceMs) return false;
  return true;
}
