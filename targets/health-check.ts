import type { Ms } from '../core/duration.js';

/** How loadrig decides a started target is ready: an HTTP path that answers in time. */
export interface HealthCheck {
  path: string;
  timeoutMs: Ms;
  intervalMs: Ms;
  /** Status codes that count as healthy (default 200–399). */
  expectStatus?: number[];
}
