import type { Flow } from '../../../scenarios/vu-context.js';
import { EMPTY_TAGS, type MetricSink } from '../../aggregator/metric-sink.js';
import type { EngineEvents, EngineResult } from '../engine.js';
import { FlowErrorTally } from './flow-errors.js';
import { TimeoutSweeper } from './http1/timeout-sweeper.js';
import type { TargetResolver } from './request-target.js';
import { TagContext } from './tag-context.js';
import { VirtualUser } from './virtual-user.js';
import { VuHttp, type HttpSettings } from './vu-http.js';

/**
 * What every executor of a thread shares: making VUs, running one iteration with its metrics,
 * the count of active VUs, and the tallies that end up in the EngineResult.
 */
export class IterationRunner {
  iterations = 0;
  interrupted = 0;
  dropped = 0;
  peakVus = 0;
  peakAllocatedVus = 0;
  private active = 0;
  private nextVuId: number;
  private readonly live = new Set<VirtualUser>();
  private readonly flowErrors: FlowErrorTally;
  private readonly sweeper = new TimeoutSweeper();
  readonly rootCtx: TagContext;

  constructor(
    private readonly targets: TargetResolver,
    private readonly http: HttpSettings,
    private readonly env: Readonly<Record<string, string | undefined>>,
    readonly sink: MetricSink,
    private readonly events: EngineEvents,
    /** First VU id of this thread (workers number their VUs apart). */
    firstVuId = 1,
    /** Where the flow came from: flow errors are located relative to it. */
    scenarioFile?: string,
  ) {
    this.nextVuId = firstVuId;
    this.rootCtx = new TagContext(sink, EMPTY_TAGS);
    this.flowErrors = new FlowErrorTally(scenarioFile);
    // flow_errors exists in every run, so `flow_errors: ['count==0']` has a figure to judge.
    this.rootCtx.series('flow_errors', 'counter').add(0);
  }

  createVu(
    scenario: string,
    ctx: TagContext,
    flow: Flow,
    env: Readonly<Record<string, string | undefined>> = this.env,
  ): VirtualUser {
    const vu = new VirtualUser(
      this.nextVuId++,
      scenario,
      env,
      new VuHttp(this.targets, this.http, this.sweeper, ctx),
      flow,
      ctx,
    );
    this.live.add(vu);
    if (this.live.size > this.peakAllocatedVus) this.peakAllocatedVus = this.live.size;
    this.sink.vus(this.active, this.live.size);
    return vu;
  }

  /** A VU begins working (closed model: joins; open model: takes an arrival). */
  busy(): void {
    this.active++;
    if (this.active > this.peakVus) this.peakVus = this.active;
    this.sink.vus(this.active, this.live.size);
  }

  idle(): void {
    this.active--;
    this.sink.vus(this.active, this.live.size);
  }

  /** Runs one iteration; `scheduledStartMs` (open model) makes latency count from the schedule. */
  async iterate(vu: VirtualUser, scheduledStartMs?: number): Promise<void> {
    const start = scheduledStartMs ?? performance.now();
    vu.http.scheduledStartMs = scheduledStartMs;
    vu.http.newIteration();
    try {
      await vu.flow(vu);
    } catch (e) {
      if (!vu.stopped) this.recordFlowError(e, vu.baseCtx);
    }
    vu.iteration++;
    if (vu.stopped) {
      this.interrupted++;
      return;
    }
    this.iterations++;
    vu.baseCtx.iterations.add(1);
    vu.baseCtx.iterationDuration.add(performance.now() - start);
  }

  recordDropped(ctx: TagContext): void {
    this.dropped++;
    ctx.series('dropped_iterations', 'counter').add(1);
  }

  /** Stops a VU for good: hard (cut what it is doing) or after it finished its work. */
  async retire(vu: VirtualUser, hard: boolean): Promise<void> {
    if (this.live.delete(vu)) this.sink.vus(this.active, this.live.size);
    await (hard ? vu.stop() : vu.release());
  }

  /** Hard-stops every VU still alive (interrupt, end of the grace period). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.live].map((vu) => this.retire(vu, true)));
  }

  result(): EngineResult {
    return {
      iterations: this.iterations,
      interruptedIterations: this.interrupted,
      droppedIterations: this.dropped,
      flowErrors: this.flowErrors.counts(),
      flowErrorSites: this.flowErrors.sites(),
      peakVus: this.peakVus,
      peakAllocatedVus: this.peakAllocatedVus,
    };
  }

  private recordFlowError(e: unknown, ctx: TagContext): void {
    const { message, site, first } = this.flowErrors.record(e);
    ctx.series('flow_errors', 'counter', { error: site.tag }).add(1);
    if (first) this.events.onFlowError?.(message, site.location);
  }
}
