/** A uniform draw in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit generator, fast and well distributed enough for resampling, and fully
 * determined by its seed, so a comparison gives the same intervals every time it is rendered.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.floor(random() * n);
}
