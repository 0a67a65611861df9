import { randomIndex, type Random } from './seeded-random.js';

/**
 * Indices 0..n−1 resampled as circular blocks: block starts drawn uniformly, each block
 * `blockLength` consecutive seconds (wrapping from the last second to the first), until n
 * are drawn. Keeping neighbours together keeps the autocorrelation of a per-second series
 * (a GC cycle, a slow minute) inside each resample, which an ordinary bootstrap of single
 * seconds would break, understating the noise. Wrapping gives every second the same chance
 * to be drawn (Politis & Romano 1992), where plain moving blocks favour the middle.
 */
export function circularBlockResample(n: number, blockLength: number, random: Random): Int32Array {
  const out = new Int32Array(n);
  const b = Math.max(1, Math.min(blockLength, n));
  let filled = 0;
  while (filled < n) {
    const start = randomIndex(random, n);
    for (let j = 0; j < b && filled < n; j++) out[filled++] = (start + j) % n;
  }
  return out;
}

/** One run drawn into a resample of a side, and the seconds drawn from it. */
export interface RunDraw {
  run: number;
  seconds: Int32Array;
}

/**
 * A resample of one side: its runs drawn with replacement (the between-run noise: each round
 * of a build lands a little differently), then blocks of seconds within each drawn run (the
 * within-run noise). With one run it is the block bootstrap of that run alone.
 */
export function resampleSide(
  runLengths: readonly number[],
  blockLength: number,
  random: Random,
): RunDraw[] {
  const draws: RunDraw[] = [];
  for (let i = 0; i < runLengths.length; i++) {
    const run = runLengths.length === 1 ? 0 : randomIndex(random, runLengths.length);
    draws.push({ run, seconds: circularBlockResample(runLengths[run]!, blockLength, random) });
  }
  return draws;
}

/** Every run once, every second once: the data as observed. */
export function identityDraws(runLengths: readonly number[]): RunDraw[] {
  return runLengths.map((n, run) => ({
    run,
    seconds: Int32Array.from({ length: n }, (_, i) => i),
  }));
}
