/**
 * Little's law for a closed model: N VUs, each looping iterations of mean duration R (think
 * time included), must give X = N / R, i.e. N ≈ X·R. When X·R falls well short of N, the VUs
 * spent time outside their iterations: the generator (or something else outside the target)
 * limited the throughput, and the step measures that, not the target.
 */
export interface LittlesLaw {
  vus: number;
  /** X·R: the VUs the throughput and iteration time account for. */
  impliedVus: number;
  ratio: number;
  ok: boolean;
}

/** |X·R / N − 1| above this flags the step. */
export const LITTLES_LAW_TOLERANCE = 0.1;

export function littlesLaw(vus: number, iterationsPerSec: number, iterationMs: number): LittlesLaw {
  const impliedVus = (iterationsPerSec * iterationMs) / 1000;
  const ratio = vus > 0 ? impliedVus / vus : NaN;
  return { vus, impliedVus, ratio, ok: Math.abs(ratio - 1) <= LITTLES_LAW_TOLERANCE };
}
