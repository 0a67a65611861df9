import type * as Influx from 'influx';

export interface BatchWriterOptions {
  /** Points per write request. */
  batchSize: number;
  /** Points held while the destination is slow or down; beyond this the oldest are dropped. */
  maxQueued: number;
  /** Attempts per batch before it is given up. */
  attempts: number;
  /** Wait before the first retry; doubled for each further one. */
  backoffMs: number;
}

export const DEFAULT_BATCH_OPTIONS: BatchWriterOptions = {
  batchSize: 5000,
  maxQueued: 500_000,
  attempts: 5,
  backoffMs: 500,
};

export interface BatchStats {
  pointsWritten: number;
  pointsDropped: number;
  failedWrites: number;
  lastError?: string;
}

/**
 * Queues points and sends them one batch at a time, in order, retrying a failed batch with
 * exponential back-off and then giving it up (counted). `enqueue` never waits: the run's
 * second goes on whatever the destination does. Timers are unref'd, so a dead destination
 * never keeps the process alive.
 */
export class BatchWriter {
  private readonly queue: Influx.IPoint[] = [];
  private sending = false;
  /** Points of the batch being sent: lost too if the deadline passes before it returns. */
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  /** The last request failed: the destination looks down, so the end of a run waits less for it. */
  private failing = false;
  readonly stats: BatchStats = { pointsWritten: 0, pointsDropped: 0, failedWrites: 0 };

  constructor(
    private readonly send: (points: Influx.IPoint[]) => Promise<void>,
    private readonly opts: BatchWriterOptions = DEFAULT_BATCH_OPTIONS,
    private readonly onProblem: (kind: 'retrying' | 'dropped', error: string) => void = () => {},
  ) {}

  enqueue(points: readonly Influx.IPoint[]): void {
    for (const p of points) this.queue.push(p);
    const excess = this.queue.length - this.opts.maxQueued;
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.stats.pointsDropped += excess;
      this.onProblem('dropped', `more than ${this.opts.maxQueued} points waiting`);
    }
    void this.pump();
  }

  /**
   * Resolves once everything queued was sent (or given up), or at `deadlineMs` (sooner when the
   * destination is failing: a dead database must not hold the end of a run for long): what is
   * still queued or in flight then counts as dropped.
   */
  async drain(deadlineMs: number): Promise<BatchStats> {
    if (this.sending || this.queue.length > 0) {
      const until = this.failing
        ? Math.min(deadlineMs, Date.now() + this.opts.backoffMs * 4)
        : deadlineMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, until - Date.now()));
        timer.unref();
        this.idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.queue.length > 0 || this.sending) {
      this.stats.pointsDropped += this.queue.length + this.inFlight;
      this.queue.length = 0;
    }
    return { ...this.stats };
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.opts.batchSize);
        this.inFlight = batch.length;
        await this.sendWithRetries(batch);
        this.inFlight = 0;
      }
    } finally {
      this.sending = false;
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async sendWithRetries(batch: Influx.IPoint[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(batch);
        this.failing = false;
        this.stats.pointsWritten += batch.length;
        return;
      } catch (e) {
        this.failing = true;
        this.stats.failedWrites++;
        this.stats.lastError = (e as Error).message ?? String(e);
        if (attempt >= this.opts.attempts) {
          this.stats.pointsDropped += batch.length;
          this.onProblem('dropped', this.stats.lastError);
          return;
        }
        this.onProblem('retrying', this.stats.lastError);
        await sleep(this.opts.backoffMs * 2 ** (attempt - 1));
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
