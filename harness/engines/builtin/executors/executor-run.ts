import type { Flow } from '../../../../scenarios/vu-context.js';
import type { IterationRunner } from '../iteration-runner.js';
import type { TagContext } from '../tag-context.js';
import type { VirtualUser } from '../virtual-user.js';

/** What one named scenario's executor works with. */
export interface ExecutorRun {
  name: string;
  runner: IterationRunner;
  /** The scenario's tags (scenario name and its own tags). */
  ctx: TagContext;
  flow: Flow;
  env: Readonly<Record<string, string | undefined>>;
  /** The whole run's stop: Ctrl-C, a target that died, a threshold with abortOnFail. */
  interrupt: AbortSignal;
  /**
   * When the executor's schedule starts, on this thread's performance.now() clock (its
   * `startTime` included); now when absent.
   */
  startMs?: number;
  /** Seen each time an arrival starts late; `lagMs` is how late (self-monitoring). */
  onScheduleLag?(lagMs: number): void;
}

export function newVu(run: ExecutorRun): VirtualUser {
  return run.runner.createVu(run.name, run.ctx, run.flow, run.env);
}

/** A promise that settles when `count` reaches zero, for waiting on in-flight iterations. */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  add(): void {
    this.count++;
  }

  done(): void {
    if (--this.count === 0) {
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    }
  }

  get size(): number {
    return this.count;
  }

  drained(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
