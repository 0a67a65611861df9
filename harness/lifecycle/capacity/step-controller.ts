import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import { decodeBucket, type Second } from '../../../core/series/second.js';
import {
  measuredEnough,
  type SteadinessRule,
} from '../../../reports/analysis/capacity/steadiness.js';
import type { ProgressListener, RunPhase } from '../../progress/progress-listener.js';

/**
 * Watches one step's seconds as they are recorded and ends its load once the step has settled
 * and been measured long enough (the same rule the analysis applies to the run directory
 * afterwards). Everything else is passed on to the printer.
 */
export class StepController implements ProgressListener {
  readonly #end = new AbortController();
  readonly #perSecond: number[] = [];
  #firstT = Infinity;

  constructor(
    private readonly inner: ProgressListener,
    private readonly rule: SteadinessRule,
    private readonly measureSeconds: number,
  ) {}

  /** Aborted when the step may end. */
  get signal(): AbortSignal {
    return this.#end.signal;
  }

  phase(phase: RunPhase, detail?: string): void {
    this.inner.phase?.(phase, detail);
  }

  start(info: { runDir: string; baseUrl: string; totalMs: number; profileKind: string }): void {
    // The load starts now: its first whole second is the next one (a hold's seconds).
    this.#firstT = Math.ceil(Date.now() / 1000);
    this.inner.start?.(info);
  }

  /** A second as recorded (or, replayed from a run directory, as stored). */
  bucket(bucket: Second | ClientBucket, elapsedMs: number): void {
    this.inner.bucket?.(isStored(bucket) ? decodeBucket(bucket) : bucket, elapsedMs);
    if (bucket.t < this.#firstT || this.#end.signal.aborted) return;
    this.#perSecond.push(requestsIn(bucket));
    if (measuredEnough(this.#perSecond, this.rule, this.measureSeconds)) this.#end.abort();
  }

  warn(message: string): void {
    this.inner.warn?.(message);
  }
}

function isStored(bucket: Second | ClientBucket): bucket is ClientBucket {
  for (const list of Object.values(bucket.metrics)) {
    for (const s of list) return !('merged' in s);
  }
  return false;
}

function requestsIn(bucket: Second | ClientBucket): number {
  const series = bucket.metrics['http_reqs'] ?? bucket.metrics['iterations'] ?? [];
  let n = 0;
  for (const s of series) {
    const counted = 'merged' in s ? s.merged : s;
    if (counted.kind === 'counter') n += counted.value;
  }
  return n;
}
