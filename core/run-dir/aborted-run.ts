import type { Phase, RunMeta } from './schema/run-meta.js';

/** The phases as they went until `endMs`: later ones dropped, the one in progress cut there. */
export function phasesUntil(phases: readonly Phase[], endMs: number): Phase[] {
  return phases
    .filter((p) => p.startMs < endMs)
    .map((p) => (p.endMs > endMs ? { ...p, endMs } : { ...p }));
}

/**
 * run.json of a run whose loadrig process died while it ran (killed, crashed), as a later
 * command finds it: status `aborted`, the end it really had (`endMs`: its last recorded second,
 * or when run.json was last written) and its phases cut there. Pure; the caller decides that the
 * process is gone and where the end is.
 */
export function abortedMeta(meta: RunMeta, endMs: number, foundAt: Date): RunMeta {
  const startMs = Date.parse(meta.startedAt);
  const end = Number.isFinite(startMs) ? Math.max(endMs, startMs) : endMs;
  const runner = meta.runner ? `pid ${meta.runner.pid} on ${meta.runner.hostname}` : 'unknown';
  return {
    ...meta,
    status: 'aborted',
    endedAt: new Date(end).toISOString(),
    phases: phasesUntil(meta.phases, end),
    error: {
      code: 'E_RUN_ABORTED',
      message: `the loadrig process that ran it (${runner}) died while the run was going; data recorded until ${new Date(end).toISOString()} is kept (found ${foundAt.toISOString()})`,
    },
  };
}
