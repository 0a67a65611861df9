import type Dockerode from 'dockerode';
import type { WaitStrategy } from 'testcontainers';
import { watchExit } from './container-exit-watch.js';

export interface ReadinessCheck {
  /** Resolves when ready; rejects with the error to throw on failure (a TargetError). */
  wait(failFast: Promise<never>): Promise<void>;
}

/**
 * A testcontainers wait strategy for host networking, where testcontainers' own HTTP and port
 * strategies cannot work (they look for published ports): it runs a readiness check against
 * 127.0.0.1 and stops early, with the container's last log lines, if the container exits.
 */
export class ReadinessWaitStrategy implements WaitStrategy {
  #startupTimeoutMs: number;

  constructor(
    private readonly check: ReadinessCheck,
    private readonly what: { service: string; image: string; logFile: string },
    timeoutMs: number,
    private readonly signal?: AbortSignal,
  ) {
    this.#startupTimeoutMs = timeoutMs;
  }

  async waitUntilReady(container: Dockerode.Container): Promise<void> {
    const watch = watchExit(container, this.what);
    const { signal } = this;
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
    });
    stopped.catch(() => undefined);
    try {
      await this.check.wait(Promise.race([watch.exited, stopped]));
    } finally {
      watch.stop();
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.#startupTimeoutMs = startupTimeoutMs;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return true;
  }

  getStartupTimeout(): number {
    return this.#startupTimeoutMs;
  }
}
