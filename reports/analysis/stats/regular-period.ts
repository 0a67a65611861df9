import { median } from 'simple-statistics';
import { theilSen } from './theil-sen.js';

export interface RegularPeriod {
  /** The period of the events against their beat numbers (seconds; Theil–Sen, robust). */
  periodSec: number;
  intervals: number;
  /** Intervals of one or two periods, within the tolerance (two: a beat went unseen). */
  regular: number;
  /**
   * The median distance of the events from the fitted beat grid (seconds): 0 for a perfect
   * train, and still 0 when a few beats landed a second off.
   */
  phaseJitterSec: number;
  /** Events on the grid: within `max(0.6 s, 5 % of the period)` of their beat. */
  onGrid: number;
  /** Beats of the grid between the first and the last event with no event on them. */
  skipped: number;
}

// The line's points: evenly thinned to this many, which keeps the period as precise (it rests
// on the span) and the pairwise slopes cheap enough to refit in a permutation test.
const FIT_POINTS = 60;

function thin(x: readonly number[], y: readonly number[]): [number[], number[]] {
  if (x.length <= FIT_POINTS) return [[...x], [...y]];
  const step = (x.length - 1) / (FIT_POINTS - 1);
  const picked = Array.from({ length: FIT_POINTS }, (_, k) => Math.round(k * step));
  return [picked.map((i) => x[i] as number), picked.map((i) => y[i] as number)];
}

// Events read on a one-second grid sit up to half a second off the beat of a train whose
// period is not a whole number of seconds; a little more tolerance covers the timer's own drift.
const GRID_TOLERANCE_SEC = 0.6;
const GRID_TOLERANCE_SHARE = 0.05;

/**
 * How regularly events at `times` (seconds, ascending) recur. The first guess is the mean of
 * the intervals near their median (so 2, 3, 2, 3 reads as 2.5 and a skipped beat does not pull
 * it), each event gets a beat number, and a robust line through (beat, time) gives the period
 * and the phase jitter. A train read on a one-second grid stays within half a second of its
 * beat grid whatever its period, while events at random fall off it (a quarter of a period
 * typically).
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
  const fit = theilSen(...thin(beats, times));
  if (!fit || fit.slope <= 0) return undefined;
  const periodSec = fit.slope;
  const residuals = times.map((t, i) =>
    Math.abs(t - fit.intercept - periodSec * (beats[i] as number)),
  );
  const tolerance = Math.max(1, toleranceShare * periodSec);
  const regular = intervals.filter((d) => {
    const k = Math.max(1, Math.round(d / periodSec));
    return k <= 2 && Math.abs(d - k * periodSec) <= tolerance;
  }).length;
  const onGridSec = Math.max(GRID_TOLERANCE_SEC, GRID_TOLERANCE_SHARE * periodSec);
  return {
    periodSec,
    intervals: intervals.length,
    regular,
    phaseJitterSec: median(residuals),
    onGrid: residuals.filter((r) => r <= onGridSec).length,
    skipped: (beats.at(-1) as number) + 1 - times.length,
  };
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
 * A Monte Carlo permutation p-value: the share of `rounds` random rearrangements at least as
 * extreme as the observation (`asExtreme` draws one and judges it), counting the observation
 * itself, so never below 1 / (rounds + 1).
 */
export function permutationPValue(
  asExtreme: (random: () => number) => boolean,
  rounds: number,
  seed: number,
): number {
  const random = seededRandom(seed);
  let count = 0;
  for (let r = 0; r < rounds; r++) if (asExtreme(random)) count++;
  return (count + 1) / (rounds + 1);
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
