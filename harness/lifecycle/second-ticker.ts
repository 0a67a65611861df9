/**
 * Calls `onSecond(t)` just after each wall-clock second boundary, with `t` the unix second that
 * just ended. Calls never overlap; `stop()` waits for the one in progress.
 */
export class SecondTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly onSecond: (t: number) => Promise<void> | void) {}

  start(): void {
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = Date.now();
    const next = Math.floor(now / 1000) * 1000 + 1000;
    this.timer = setTimeout(
      () => {
        const t = next / 1000 - 1;
        this.running = this.running.then(() => this.onSecond(t)).catch(() => undefined);
        this.schedule();
      },
      next - now + 1,
    );
  }
}
