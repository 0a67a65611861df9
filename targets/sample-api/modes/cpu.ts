import { hashFor } from './cpu-work.js';
import type { ModeBehaviour, ModeSettings } from './mode.js';

/**
 * Every request costs `cpuMs` of CPU (hashing): throughput tops out near 1000 / cpuMs requests
 * per second on one core, and past that latency grows with the queue.
 */
export function cpu(settings: ModeSettings): ModeBehaviour {
  return (next) => {
    hashFor(settings.cpuMs);
    next();
  };
}
