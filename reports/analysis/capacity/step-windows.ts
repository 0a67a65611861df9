import type { Executor, Phase, RunMeta } from '../../../core/run-dir/run-data.js';

/** A span of a run measured as one step: a hold, or a slice of a ramp (breakpoint runs). */
export interface StepWindow {
  kind: 'hold' | 'ramp-slice';
  /** VUs (closed model) or iterations per second (open model): the load offered. */
  level: number;
  startMs: number;
  endMs: number;
}

/** A ramp becomes slices of this length when a run has no holds (a breakpoint run). */
export const RAMP_SLICE_SECONDS = 10;

/**
 * The steps of a run, in load order: its hold phases (a stress profile's steps, or the one hold
 * of a capacity step run), or, when it has none, its ramps cut into slices (a breakpoint ramps
 * the arrival rate without holding). Phases of warm-up and drain are never steps.
 */
export function stepWindows(meta: RunMeta): StepWindow[] {
  const holds = meta.phases.filter((p) => p.kind === 'hold' && p.endMs - p.startMs >= 2000);
  if (holds.length > 0) {
    return holds
      .map((p) => ({
        kind: 'hold' as const,
        level: p.level ?? 0,
        startMs: p.startMs,
        endMs: p.endMs,
      }))
      .sort((a, b) => a.startMs - b.startMs);
  }
  const out: StepWindow[] = [];
  for (const p of meta.phases) {
    if (p.kind !== 'ramp-up') continue;
    const from = startLevel(meta, p);
    const to = p.level ?? from;
    const spanMs = p.endMs - p.startMs;
    const slices = Math.floor(spanMs / (RAMP_SLICE_SECONDS * 1000));
    for (let i = 0; i < slices; i++) {
      const startMs = p.startMs + i * RAMP_SLICE_SECONDS * 1000;
      const endMs = startMs + RAMP_SLICE_SECONDS * 1000;
      // The planned level at the slice's middle: the ramp is linear.
      const mid = (startMs + endMs) / 2 - p.startMs;
      out.push({ kind: 'ramp-slice', level: from + ((to - from) * mid) / spanMs, startMs, endMs });
    }
  }
  return out;
}

/** Where a ramp starts: the level of the phase before it in its scenario, or the executor's start. */
function startLevel(meta: RunMeta, phase: Phase): number {
  const before = meta.phases.filter(
    (p) => p.scenario === phase.scenario && p.endMs <= phase.startMs && p.level !== undefined,
  );
  const last = before.at(-1);
  if (last?.level !== undefined) return last.level;
  const e: Executor | undefined = phase.scenario
    ? meta.scenario.executors[phase.scenario]
    : undefined;
  if (e?.executor === 'ramping-vus') return e.startVUs;
  if (e?.executor === 'ramping-arrival-rate')
    return e.timeUnit > 0 ? (e.startRate * 1000) / e.timeUnit : 0;
  return 0;
}
