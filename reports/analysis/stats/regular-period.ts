import { median } from 'simple-statistics';

export interface RegularPeriod {
  /** The least-squares period of the events against their beat numbers (seconds). */
  periodSec: number;
  intervals: number;
  /** Intervals of one or two periods, within the tolerance (two: a beat went unseen). */
  regular: number;
  /** RMS distance of the events from the fitted beat grid (seconds): 0 for a perfect train. */
  phaseJitterSec: number;
}

/**
 * How regularly events at `times` (seconds, ascending) recur. The first guess is the mean of
 * the intervals near their median (so 2, 3, 2, 3 reads as 2.5 and a skipped beat does not pull
 * it), each event gets a beat number, and a line through (beat, time) gives the period and
 * the phase jitter. Events on a one-second grid keep a train with a fractional period within
 * half a second of its grid, while events at random drift off it.
 */
export function regularPeriod(
  times: readonly number[],
  toleranceShare: number,
): RegularPeriod | undefined {
  const intervals = times.slice(1).map((t, i) => t - (times[i] as number));
  if (intervals.length < 2) return undefined;
  const middle = median(intervals);
  const near = intervals.filter((d) => d >= middle / 2 && d <= middle * 1.5);
  const guess = near.reduce((a, b) => a + b, 0) / near.length;
  const beats = [0];
  for (const d of intervals)
    beats.push((beats.at(-1) as number) + Math.max(1, Math.round(d / guess)));
  const { slope, residualRms } = lineFit(beats, times);
  const periodSec = slope;
  const tolerance = Math.max(1, toleranceShare * periodSec);
  const regular = intervals.filter((d) => {
    const k = Math.max(1, Math.round(d / periodSec));
    return k <= 2 && Math.abs(d - k * periodSec) <= tolerance;
  }).length;
  return { periodSec, intervals: intervals.length, regular, phaseJitterSec: residualRms };
}

/** Ordinary least squares of y on x: the slope and the RMS of the residuals. */
export function lineFit(
  x: readonly number[],
  y: readonly number[],
): { slope: number; residualRms: number } {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
    sxx += ((x[i] as number) - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let squares = 0;
  for (let i = 0; i < n; i++)
    squares += ((y[i] as number) - my - slope * ((x[i] as number) - mx)) ** 2;
  return { slope, residualRms: Math.sqrt(squares / n) };
}

/** A small seeded generator (mulberry32): analysis stays deterministic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * A Monte Carlo permutation p-value: the share of `rounds` random rearrangements whose
 * statistic is at least as extreme (as low) as the observed one, counting the observation
 * itself, so never below 1 / (rounds + 1).
 */
export function permutationPValue(
  observed: number,
  statistic: (random: () => number) => number,
  rounds: number,
  seed: number,
): number {
  const random = seededRandom(seed);
  let asExtreme = 0;
  for (let r = 0; r < rounds; r++) if (statistic(random) <= observed) asExtreme++;
  return (asExtreme + 1) / (rounds + 1);
}

/**
 * `count` of the `positions` (ascending) chosen uniformly at random, kept in order: selection
 * sampling, one pass, no sort.
 */
export function sampleInOrder(
  positions: readonly number[],
  count: number,
  random: () => number,
): number[] {
  const out: number[] = [];
  let needed = count;
  for (let k = 0; k < positions.length && needed > 0; k++) {
    if (random() * (positions.length - k) < needed) {
      out.push(positions[k] as number);
      needed--;
    }
  }
  return out;
}
