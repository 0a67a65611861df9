import type { Tags } from '../../../reports/model/run-data.js';
import type { Flow } from '../../../scenarios/vu-context.js';
import { EMPTY_TAGS, type MetricSink } from '../../aggregator/metric-sink.js';
import type { EngineEvents, EngineResult } from '../engine.js';
import { RequestTagCache } from './request-tags.js';
import { VirtualUser } from './virtual-user.js';
import { VuHttp } from './vu-http.js';

/**
 * What both load models share: making VUs, running one iteration with its metrics, and the
 * tallies that end up in the EngineResult.
 */
export class IterationRunner {
  readonly tagCache = new RequestTagCache();
  iterations = 0;
  interrupted = 0;
  dropped = 0;
  peakVus = 0;
  private readonly flowErrors = new Map<string, number>();

  constructor(
    private readonly baseUrl: URL,
    private readonly flow: Flow,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly sink: MetricSink,
    /** Aborts in-flight requests and sleeps: the hard stop. */
    private readonly hardStop: AbortSignal,
    private readonly events: EngineEvents,
  ) {}

  createVu(id: number): VirtualUser {
    const http = new VuHttp(this.baseUrl, this.sink, this.tagCache, this.hardStop);
    return new VirtualUser(id, this.env, http, this.sink, this.hardStop);
  }

  /** Runs one iteration; `scheduledStartMs` (open model) makes latency count from the schedule. */
  async iterate(vu: VirtualUser, scheduledStartMs?: number): Promise<void> {
    const start = scheduledStartMs ?? performance.now();
    vu.http.scheduledStartMs = scheduledStartMs;
    try {
      await this.flow(vu);
    } catch (e) {
      if (!this.hardStop.aborted) this.recordFlowError(e);
    }
    vu.iteration++;
    if (this.hardStop.aborted) {
      this.interrupted++;
      return;
    }
    this.iterations++;
    this.sink.counter('iterations', EMPTY_TAGS, 1);
    this.sink.trend('iteration_duration', EMPTY_TAGS, performance.now() - start);
  }

  recordDropped(tags: Tags = EMPTY_TAGS): void {
    this.dropped++;
    this.sink.counter('dropped_iterations', tags, 1);
  }

  result(): EngineResult {
    return {
      iterations: this.iterations,
      interruptedIterations: this.interrupted,
      droppedIterations: this.dropped,
      flowErrors: Object.fromEntries(this.flowErrors),
      peakVus: this.peakVus,
    };
  }

  private recordFlowError(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    const seen = this.flowErrors.get(message) ?? 0;
    this.flowErrors.set(message, seen + 1);
    this.sink.counter('flow_errors', EMPTY_TAGS, 1);
    if (seen === 0) this.events.onFlowError?.(message);
  }
}
