import type { Http1Connection } from './http1-connection.js';

const SWEEP_MS = 50;

/**
 * Request timeouts for every connection of a thread from one timer: a per-request setTimeout
 * would cost more than the request on a fast target. Resolution: 50 ms.
 */
export class TimeoutSweeper {
  private readonly live = new Set<Http1Connection>();
  private timer: NodeJS.Timeout | undefined;

  add(c: Http1Connection): void {
    this.live.add(c);
    if (this.timer === undefined) {
      this.timer = setInterval(() => this.sweep(), SWEEP_MS);
      this.timer.unref();
    }
  }

  remove(c: Http1Connection): void {
    this.live.delete(c);
    if (this.live.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private sweep(): void {
    const now = performance.now();
    for (const c of this.live) if (c.deadline < now) c.timeOut();
  }
}
