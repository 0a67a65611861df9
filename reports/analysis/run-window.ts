import type { ClientBucket, Phase, RunMeta } from '../../core/run-dir/run-data.js';

/** The measured span of a run: first and last client bucket (unix seconds), and its length. */
export interface RunWindow {
  startT: number | null;
  endT: number | null;
  /**
   * The divisor for rates: the span of the load phases in run.json (ramps, holds, iteration
   * runs; not the warm-up, the threads' start or the drain), else the seconds from the first to
   * the last bucket, inclusive (gaps count).
   */
  durationSec: number;
}

const LOAD_PHASES: ReadonlySet<Phase['kind']> = new Set([
  'ramp-up',
  'hold',
  'ramp-down',
  'iterations',
]);

export function runWindow(
  buckets: readonly ClientBucket[],
  phases: readonly Phase[] = [],
): RunWindow {
  const loadSec = loadSpanSec(phases);
  if (buckets.length === 0) return { startT: null, endT: null, durationSec: loadSec ?? 0 };
  let startT = Infinity;
  let endT = -Infinity;
  for (const { t } of buckets) {
    startT = Math.min(startT, t);
    endT = Math.max(endT, t);
  }
  return { startT, endT, durationSec: loadSec ?? endT - startT + 1 };
}

/**
 * The phases a rate may divide by: those recorded while the run went. Phases derived from the
 * profile for an old run are a guess of when the load ran, so its rates keep the bucket span.
 */
export function measuredPhases(meta: Pick<RunMeta, 'phases' | 'phasesSource'>): Phase[] {
  return meta.phasesSource === 'recorded' ? meta.phases : [];
}

/** Seconds from the first load phase's start to the last one's end (ms kept); undefined if none. */
export function loadSpanSec(phases: readonly Phase[]): number | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const p of phases) {
    if (!LOAD_PHASES.has(p.kind)) continue;
    start = Math.min(start, p.startMs);
    end = Math.max(end, p.endMs);
  }
  return end > start ? Math.round(end - start) / 1000 : undefined;
}

/** `count` per second over the window; 0 for an empty run rather than NaN. */
export function perSecond(count: number, durationSec: number): number {
  return durationSec > 0 ? count / durationSec : 0;
}
