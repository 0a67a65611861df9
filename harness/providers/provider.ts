import type { RunMeta } from '../../core/run-dir/run-data.js';
import type { TargetSpec } from '../../targets/target.js';
import type { MetricSource } from '../collectors/metric-source.js';

export interface TargetExit {
  code: number | null;
  signal: string | null;
}

/** What a provider adds to run.json's `target` (a container target's image, replicas, limits). */
export type TargetDetails = Pick<
  RunMeta['target'],
  'image' | 'replicas' | 'resources' | 'containers'
>;

/** A target that is up and answered its health check. */
export interface RunningTarget extends AsyncDisposable {
  readonly name: string;
  readonly baseUrl: string;
  readonly metricSources: MetricSource[];
  /** The argv that started it, when loadrig started it. */
  readonly command?: string[];
  readonly details?: TargetDetails;
  /** Settles if the target exits before `stop()` is called. */
  readonly exited: Promise<TargetExit>;
  /** Idempotent: SIGTERM, then SIGKILL after the spec's grace period. */
  stop(): Promise<void>;
}

export interface ProvisionContext {
  /** File that receives the target's stdout and stderr. */
  logFile: string;
  signal?: AbortSignal;
}

export interface Provider {
  start(spec: TargetSpec, ctx: ProvisionContext): Promise<RunningTarget>;
}
