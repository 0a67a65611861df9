import { assertPortFree, freePort } from '../free-port.js';

/**
 * Ports on 127.0.0.1 for every service of a run (host networking: each service its own port).
 * A fixed port is checked free first, so an error names it instead of a container dying of
 * EADDRINUSE; 0 picks a free one, never one already handed out.
 */
export class PortAllocator {
  readonly #taken = new Set<number>();

  async take(service: string, wanted: number): Promise<number> {
    if (wanted !== 0) {
      await assertPortFree(service, '127.0.0.1', wanted);
      this.#taken.add(wanted);
      return wanted;
    }
    for (;;) {
      const port = await freePort('127.0.0.1');
      if (!this.#taken.has(port)) {
        this.#taken.add(port);
        return port;
      }
    }
  }
}
