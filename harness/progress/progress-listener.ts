import type { Second } from '../../core/series/second.js';

export type RunPhase =
  'provision' | 'pre-flight' | 'warmup' | 'load' | 'drain' | 'teardown' | 'analyse' | 'report';

/** Observes a run through named events; never reaches into the run itself. */
export interface ProgressListener {
  phase?(phase: RunPhase, detail?: string): void;
  start?(info: { runDir: string; baseUrl: string; totalMs: number; profileKind: string }): void;
  /** A closed second, decoded; valid during the call only (the aggregator reuses it). */
  bucket?(second: Second, elapsedMs: number): void;
  warn?(message: string): void;
}
