import type { ClientBucket } from '../../core/run-dir/run-data.js';

export type RunPhase =
  'provision' | 'warmup' | 'load' | 'drain' | 'teardown' | 'analyse' | 'report';

/** Observes a run through named events; never reaches into the run itself. */
export interface ProgressListener {
  phase?(phase: RunPhase, detail?: string): void;
  start?(info: { runDir: string; baseUrl: string; totalMs: number; profileKind: string }): void;
  bucket?(bucket: ClientBucket, elapsedMs: number): void;
  warn?(message: string): void;
}
