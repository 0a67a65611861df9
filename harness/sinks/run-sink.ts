import type { ClientBucket, RunMeta, ServerSample } from '../../core/run-dir/run-data.js';
import type { RunDigest } from '../../core/run-dir/schema/digest.js';
import type { OutputReport } from '../../core/run-dir/schema/run-meta.js';

/**
 * Somewhere a run is streamed to besides its run directory (`--out name=target`). The run
 * directory stays the source of truth: a sink is told each second after the directory has it,
 * must return at once (it queues; it never awaits the network on the run's path), and may lose
 * data when its destination is down, which it then reports rather than failing the run.
 */
export interface RunSink {
  /** One second of the run: the client bucket and, when sampled, the server sample. */
  second(bucket: ClientBucket, sample?: ServerSample): void;
  /** The run has ended: its final run.json and the figures its history follows. */
  finish(meta: RunMeta, digest: RunDigest): void;
  /** Sends what is still queued, giving up at `deadlineMs` (unix ms); says what got through. */
  close(deadlineMs: number): Promise<OutputReport>;
}

export interface SinkContext {
  runId: string;
  /** Problems worth a line on the console (printed once each by the sink). */
  warn(message: string): void;
}

/** Opens a sink on a target such as `http://127.0.0.1:8086/loadrig`; throws a UsageError for a bad target. */
export type SinkFactory = (target: string, ctx: SinkContext) => RunSink;
