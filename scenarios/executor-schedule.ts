import type { Ms } from '../core/duration.js';
import type {
  ConstantArrivalRateExecutor,
  ConstantVusExecutor,
  Executor,
  ExecutorStage,
  RampingArrivalRateExecutor,
  RampingVusExecutor,
} from './executors.js';
import { assertNever } from './schedule.js';

export { executorDurationMs } from './schedule.js';

export type VuExecutor = ConstantVusExecutor | RampingVusExecutor;
export type ArrivalRateExecutor = ConstantArrivalRateExecutor | RampingArrivalRateExecutor;

/** The most VUs the executor can have at once. */
export function executorMaxVus(e: Executor): number {
  switch (e.executor) {
    case 'constant-vus':
    case 'per-vu-iterations':
    case 'shared-iterations':
      return e.vus;
    case 'ramping-vus':
      return Math.max(e.startVUs, ...e.stages.map((s) => s.target));
    case 'constant-arrival-rate':
    case 'ramping-arrival-rate':
      return e.maxVUs;
    default:
      return assertNever(e);
  }
}

/**
 * VUs wanted `elapsedMs` into a VU executor, as k6's ramping-vus: within a stage the count
 * moves one VU at a time at evenly spaced instants, so it reaches the stage's target only at
 * the stage's end (truncated toward the stage's start value, never rounded past it).
 */
export function executorVusAt(e: VuExecutor, elapsedMs: Ms): number {
  if (e.executor === 'constant-vus') return elapsedMs < e.duration ? e.vus : 0;
  let from = e.startVUs;
  let start = 0;
  for (const s of e.stages) {
    const end = start + s.duration;
    if (elapsedMs < end) {
      const done = s.duration === 0 ? 1 : (elapsedMs - start) / s.duration;
      const delta = s.target - from;
      return from + Math.sign(delta) * Math.floor(Math.abs(delta) * done + 1e-9);
    }
    from = s.target;
    start = end;
  }
  return 0;
}

function rateStages(e: ArrivalRateExecutor): { startRate: number; stages: ExecutorStage[] } {
  return e.executor === 'constant-arrival-rate'
    ? { startRate: e.rate, stages: [{ duration: e.duration, target: e.rate }] }
    : { startRate: e.startRate, stages: e.stages };
}

/** Iterations per `timeUnit` wanted `elapsedMs` into an arrival-rate executor (linear in a stage). */
export function executorRateAt(e: ArrivalRateExecutor, elapsedMs: Ms): number {
  const { startRate, stages } = rateStages(e);
  let from = startRate;
  let start = 0;
  for (const s of stages) {
    const end = start + s.duration;
    if (elapsedMs < end) return from + (s.target - from) * ((elapsedMs - start) / s.duration);
    from = s.target;
    start = end;
  }
  return 0;
}

/**
 * The start times of an arrival-rate executor's iterations, in order: iteration n (0-based)
 * starts when the integral of the rate reaches n, so the first starts at 0 and a constant rate
 * of R per second spaces them 1000/R ms apart. Pure: the engine sleeps until each one.
 */
export class ArrivalSchedule {
  private readonly stages: ExecutorStage[];
  private readonly perMs: number;
  private stageIndex = 0;
  private stageStartMs = 0;
  private stageFromRate: number;
  /** Arrivals (the rate's integral) at the current stage's start. */
  private countAtStageStart = 0;
  private n = 0;

  constructor(e: ArrivalRateExecutor) {
    const r = rateStages(e);
    this.stages = r.stages;
    this.stageFromRate = r.startRate;
    this.perMs = 1 / e.timeUnit;
  }

  /** Start (ms from the executor's start) of the next iteration, or undefined after the last. */
  next(): Ms | undefined {
    const n = this.n;
    for (;;) {
      const s = this.stages[this.stageIndex];
      if (s === undefined) return undefined;
      const r0 = this.stageFromRate * this.perMs;
      const r1 = s.target * this.perMs;
      const need = n - this.countAtStageStart;
      const x = s.duration === 0 ? Infinity : offsetFor(need, r0, (r1 - r0) / s.duration);
      if (x < s.duration) {
        this.n++;
        return this.stageStartMs + x;
      }
      this.countAtStageStart += ((r0 + r1) / 2) * s.duration;
      this.stageStartMs += s.duration;
      this.stageFromRate = s.target;
      this.stageIndex++;
    }
  }
}

/** Smallest x ≥ 0 with r0·x + slope·x²/2 = need, or Infinity. */
function offsetFor(need: number, r0: number, slope: number): number {
  if (need <= 1e-9) return 0;
  if (Math.abs(slope) < 1e-15) return r0 > 0 ? need / r0 : Infinity;
  const disc = r0 * r0 + 2 * slope * need;
  if (disc < 0) return Infinity;
  const denom = r0 + Math.sqrt(disc);
  return denom <= 0 ? Infinity : (2 * need) / denom;
}
