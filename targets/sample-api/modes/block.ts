import { hashFor } from './cpu-work.js';
import type { ModeBehaviour, ModeSettings } from './mode.js';

/**
 * Every `blockEvery`-th request does `blockMs` of synchronous CPU work (hashing) in the handler:
 * the event loop is blocked for that long, so every other request and timer waits behind it.
 */
export function block(settings: ModeSettings): ModeBehaviour {
  let seq = 0;
  return (next) => {
    if (++seq % settings.blockEvery === 0) hashFor(settings.blockMs);
    next();
  };
}
