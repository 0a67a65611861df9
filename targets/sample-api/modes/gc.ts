import type { ModeBehaviour, ModeSettings } from './mode.js';

/**
 * Every `gcEvery`-th request builds a large, short-lived object graph (about `gcAllocMb` MB of
 * small objects) and drops it: the young generation overflows, survivors get promoted, and the
 * process pays scavenges and mark-sweeps that pause every request in flight.
 */
export function gc(settings: ModeSettings): ModeBehaviour {
  let seq = 0;
  // ~40 bytes per { id, label } object plus the array slot.
  const objects = Math.floor((settings.gcAllocMb * 1024 * 1024) / 48);
  let sink = 0;
  return (next) => {
    if (++seq % settings.gcEvery === 0) {
      const garbage: { id: number; label: string }[] = [];
      for (let i = 0; i < objects; i++) garbage.push({ id: i, label: `row-${i}` });
      sink = (sink + garbage.length) % 1_000_003;
    }
    next();
  };
}
