import type { MetricSource } from '../collectors/metric-source.js';
import type { GuardedProcess } from './guarded-process.js';
import type { LocalMetrics } from './local-metric-sources.js';
import type { RunningTarget, TargetExit } from './provider.js';

/** A local target that answered its health check; owns its guarded process. */
export class LocalRunningTarget implements RunningTarget {
  readonly metricSources: MetricSource[];
  readonly exited: Promise<TargetExit>;
  #stopRequested = false;

  constructor(
    readonly name: string,
    readonly baseUrl: string,
    readonly command: string[],
    readonly pid: number,
    private readonly guarded: GuardedProcess,
    private readonly metrics?: LocalMetrics,
  ) {
    // Sample the real target (and its children), never the guardian.
    this.metricSources = [
      { kind: 'process', pid, label: name },
      ...(metrics?.sources(baseUrl) ?? []),
    ];
    this.exited = new Promise((resolve) => {
      void guarded.exited.then((exit) => {
        if (!this.#stopRequested) resolve(exit);
      });
    });
  }

  stop(): Promise<void> {
    this.#stopRequested = true;
    return this.guarded.stop().finally(() => this.metrics?.cleanup());
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
