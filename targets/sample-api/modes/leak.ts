import type { ModeBehaviour, ModeSettings } from './mode.js';

/**
 * Every request stores an entry under a key never seen again in a cache that nothing evicts:
 * the classic unbounded memoisation leak. Entries are JS arrays (on the V8 heap, not Buffers),
 * so heap used climbs steadily and each major GC has more to mark.
 */
export function leak(settings: ModeSettings): ModeBehaviour {
  const cache = new Map<number, number[]>();
  const slots = Math.max(1, Math.floor(settings.leakBytesPerRequest / 8));
  let seq = 0;
  return (next) => {
    seq++;
    cache.set(seq, new Array<number>(slots).fill(seq + 0.5));
    next();
  };
}
