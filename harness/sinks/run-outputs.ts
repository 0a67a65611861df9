import type { ClientBucket, RunMeta, ServerSample } from '../../core/run-dir/run-data.js';
import type { RunDigest } from '../../core/run-dir/schema/digest.js';
import type { OutputReport } from '../../core/run-dir/schema/run-meta.js';
import { sinks, type OutputSpec } from './index.js';
import type { RunSink } from './run-sink.js';

/** How long the end of a run may wait for its outputs to drain before counting the rest lost. */
export const OUTPUT_CLOSE_MS = 10_000;

/** Every `--out` of one run, fed together. A sink that throws is reported, never fatal. */
export class RunOutputs {
  private readonly open: RunSink[];
  private readonly warn: (message: string) => void;
  private closing: Promise<OutputReport[]> | undefined;

  constructor(specs: readonly OutputSpec[], runId: string, warn: (message: string) => void) {
    this.warn = warn;
    this.open = specs.map((spec) => sinks[spec.name](spec.target, { runId, warn }));
  }

  get active(): boolean {
    return this.open.length > 0;
  }

  /** Called each second after the run directory has the bucket (and the server sample). */
  readonly second = (bucket: ClientBucket, sample?: ServerSample): void => {
    for (const sink of this.open) this.guard(() => sink.second(bucket, sample));
  };

  finish(meta: RunMeta, digest: RunDigest): void {
    for (const sink of this.open) this.guard(() => sink.finish(meta, digest));
  }

  /** Drains every output within `waitMs`; later calls return the first call's reports. */
  close(waitMs = OUTPUT_CLOSE_MS): Promise<OutputReport[]> {
    const deadline = Date.now() + waitMs;
    this.closing ??= Promise.all(this.open.map((sink) => sink.close(deadline)));
    return this.closing;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.warn(`an output failed and was skipped for this second: ${(e as Error).message}`);
    }
  }
}
