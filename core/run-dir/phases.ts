import { assertNever } from '../assert-never.js';
import { isOpenExecutor, type Executor } from './schema/executors.js';
import type { StoredProfile } from './schema/profile.js';
import type { LoadModel, Phase } from './schema/run-meta.js';

/** Closed when every executor loops VUs, open when every one schedules arrivals, else mixed. */
export function loadModelOf(executors: Record<string, Executor>): LoadModel {
  const list = Object.values(executors);
  if (list.length === 0) return 'unknown';
  const open = list.filter(isOpenExecutor).length;
  if (open === 0) return 'closed';
  return open === list.length ? 'open' : 'mixed';
}

/** Whether the stored profile schedules arrivals; undefined when it is not known (k6 import). */
export function profileIsOpen(profile: StoredProfile): boolean | undefined {
  switch (profile.kind) {
    case 'constantRate':
    case 'breakpoint':
      return true;
    case 'ramp':
    case 'spike':
    case 'soak':
    case 'stress':
      return false;
    case 'scenarios': {
      const list = Object.values(profile.scenarios);
      return list.length === 0 ? undefined : list.every(isOpenExecutor);
    }
    case 'k6-import':
      return undefined;
    default:
      return assertNever(profile);
  }
}

function perSec(rate: number, timeUnitMs: number): number {
  return timeUnitMs > 0 ? (rate * 1000) / timeUnitMs : 0;
}

/** The phases of one executor from its start: ramps where the level moves, holds where it stays. */
function executorPhases(name: string, e: Executor, startMs: number): Phase[] {
  const staged = (
    start: number,
    stages: { duration: number; target: number }[],
    toLevel: (n: number) => number,
  ): Phase[] => {
    const out: Phase[] = [];
    let at = startMs;
    let level = toLevel(start);
    for (const s of stages) {
      const next = toLevel(s.target);
      if (s.duration > 0) {
        const kind = next > level ? 'ramp-up' : next < level ? 'ramp-down' : 'hold';
        out.push({ kind, scenario: name, startMs: at, endMs: at + s.duration, level: next });
      }
      at += s.duration;
      level = next;
    }
    return out;
  };
  switch (e.executor) {
    case 'constant-vus':
      return [{ kind: 'hold', scenario: name, startMs, endMs: startMs + e.duration, level: e.vus }];
    case 'constant-arrival-rate':
      return [
        {
          kind: 'hold',
          scenario: name,
          startMs,
          endMs: startMs + e.duration,
          level: perSec(e.rate, e.timeUnit),
        },
      ];
    case 'ramping-vus':
      return staged(e.startVUs, e.stages, (n) => n);
    case 'ramping-arrival-rate':
      return staged(e.startRate, e.stages, (n) => perSec(n, e.timeUnit));
    case 'per-vu-iterations':
    case 'shared-iterations':
      return [
        {
          kind: 'iterations',
          scenario: name,
          startMs,
          endMs: startMs + e.maxDuration,
          level: e.vus,
        },
      ];
    default:
      return assertNever(e);
  }
}

/** Adjacent phases of one kind, scenario and level become one (a spike's "before" and its jump back). */
function joinAdjacent(phases: Phase[]): Phase[] {
  const out: Phase[] = [];
  for (const p of phases) {
    const last = out.at(-1);
    if (
      last &&
      last.kind === p.kind &&
      last.kind === 'hold' &&
      last.scenario === p.scenario &&
      last.level === p.level &&
      last.endMs === p.startMs
    ) {
      last.endMs = p.endMs;
    } else {
      out.push({ ...p });
    }
  }
  return out;
}

/**
 * The phases the executors plan when the load starts at `loadStartMs` (unix ms), by start time.
 * Iteration-bound executors span up to their `maxDuration`; `clipPhases` cuts them to what ran.
 */
export function plannedPhases(executors: Record<string, Executor>, loadStartMs: number): Phase[] {
  const all: Phase[] = [];
  for (const [name, e] of Object.entries(executors)) {
    all.push(...joinAdjacent(executorPhases(name, e, loadStartMs + (e.startTime ?? 0))));
  }
  return all.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs);
}

/**
 * The phases of a run as it went: the planned load phases cut at `loadEndMs` (a run stopped by
 * a threshold, Ctrl-C or an iteration executor that finished early), with the warm-up before
 * them and the drain (in-flight iterations finishing) after them when they took time.
 */
export function runPhases(opts: {
  executors: Record<string, Executor>;
  loadStartMs: number;
  /** When the profile's schedule ended, or the run was stopped. */
  loadEndMs: number;
  /** When the engine returned: after the last in-flight iteration. */
  engineEndMs?: number;
  warmup?: { startMs: number; endMs: number };
}): Phase[] {
  const out: Phase[] = [];
  if (opts.warmup && opts.warmup.endMs > opts.warmup.startMs) {
    out.push({ kind: 'warmup', ...opts.warmup });
  }
  for (const p of plannedPhases(opts.executors, opts.loadStartMs)) {
    if (p.startMs >= opts.loadEndMs) continue;
    out.push({ ...p, endMs: Math.min(p.endMs, opts.loadEndMs) });
  }
  if (opts.engineEndMs !== undefined && opts.engineEndMs > opts.loadEndMs) {
    out.push({ kind: 'drain', startMs: opts.loadEndMs, endMs: opts.engineEndMs });
  }
  return out;
}

/** Unix seconds whose whole second lies inside a hold phase: the steady state of a run. */
export function steadySeconds(phases: readonly Phase[]): Set<number> {
  const seconds = new Set<number>();
  for (const p of phases) {
    if (p.kind !== 'hold') continue;
    for (let t = Math.ceil(p.startMs / 1000); (t + 1) * 1000 <= p.endMs; t++) seconds.add(t);
  }
  return seconds;
}
