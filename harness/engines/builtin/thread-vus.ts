import type { MetricSink } from '../../aggregator/metric-sink.js';

/** What a worker thread says of its VUs with each second it posts. */
export interface ThreadVuCounts {
  /** The unix second the counts close. */
  t: number;
  /** The most VUs busy, and allocated, at once in that second. */
  peakActive: number;
  peakAllocated: number;
  /** Busy and allocated when the second was posted. */
  active: number;
  allocated: number;
}

/**
 * The VUs of every worker thread, added up for the main thread's sink. A sum goes to the sink
 * only once each running thread has posted the same second: adding one thread's new second to
 * another's previous one would show peaks that never happened together.
 */
export class ThreadVus {
  private readonly latest: (ThreadVuCounts | undefined)[];
  private readonly finished: boolean[];

  constructor(
    threads: number,
    private readonly sink: Pick<MetricSink, 'vus'>,
  ) {
    this.latest = Array.from({ length: threads }, () => undefined);
    this.finished = Array.from({ length: threads }, () => false);
  }

  second(thread: number, counts: ThreadVuCounts): void {
    this.latest[thread] = counts;
    this.publish(counts.t);
  }

  /** A thread that finished has no VUs left and posts no more seconds. */
  finish(thread: number): void {
    this.finished[thread] = true;
    const last = this.latest[thread];
    this.latest[thread] = {
      t: last?.t ?? 0,
      peakActive: 0,
      peakAllocated: 0,
      active: 0,
      allocated: 0,
    };
    const t = Math.max(
      ...this.latest.map((c, i) => (this.finished[i] ? -Infinity : (c?.t ?? -Infinity))),
    );
    if (Number.isFinite(t)) this.publish(t);
  }

  private publish(t: number): void {
    let peakActive = 0;
    let peakAllocated = 0;
    let active = 0;
    let allocated = 0;
    for (let i = 0; i < this.latest.length; i++) {
      const c = this.latest[i];
      if (!this.finished[i] && (c === undefined || c.t < t)) return;
      if (c === undefined) continue;
      peakActive += c.peakActive;
      peakAllocated += c.peakAllocated;
      active += c.active;
      allocated += c.allocated;
    }
    // The peaks first, then the counts now: the sink's second keeps the peaks, the next
    // second starts from the counts.
    this.sink.vus(peakActive, peakAllocated);
    this.sink.vus(active, allocated);
  }
}
