import { hashFor } from './cpu-work.js';
import type { ModeBehaviour, ModeSettings } from './mode.js';

/**
 * Every `periodicBlockEveryMs` a timer callback hashes synchronously for `periodicBlockMs`, the
 * way a cache refresh, a metrics flush or a cron job on `setInterval` does: requests are served
 * as in `healthy`, but each one that arrives during the job waits behind it. The stall follows
 * the clock, not the traffic, so it shows at any load, even with none.
 */
export function periodicBlock(settings: ModeSettings): ModeBehaviour {
  const timer = setInterval(() => hashFor(settings.periodicBlockMs), settings.periodicBlockEveryMs);
  // The server's socket keeps the process alive; the job alone must not.
  timer.unref();
  return Object.assign((next: () => void) => next(), { stop: () => clearInterval(timer) });
}
