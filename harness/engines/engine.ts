import type { Ms } from '../../core/duration.js';
import type { Executor } from '../../scenarios/executors.js';
import type { Profile } from '../../scenarios/profile.js';
import type { Scenario } from '../../scenarios/scenario.js';
import type { Flow } from '../../scenarios/vu-context.js';
import type { ThresholdSource } from '../../scenarios/thresholds.js';
import type { FlowErrorSite, GeneratorHealth } from '../../core/run-dir/run-data.js';
import type { MetricSink } from '../aggregator/metric-sink.js';

/** Everything an engine needs to drive load; it never learns how the target was started. */
export interface EnginePlan {
  baseUrl: string;
  profile: Profile;
  /** The scenario's flow (what executors without `exec` run). */
  flow: Flow;
  /** Named flows that executors pick with `exec`. */
  flows?: Record<string, Flow>;
  /** The k6 executors to run, by scenario name; compiled from `profile` when absent. */
  executors?: Record<string, Executor>;
  env: Readonly<Record<string, string | undefined>>;
  /** Default graceful stop of executors that set none. */
  gracefulStopMs: Ms;
  /** Default per-request timeout (60 s when absent). */
  httpTimeoutMs?: Ms;
  /** Redirects followed by default (10 when absent, as k6). */
  maxRedirects?: number;
  /** Worker threads for the built-in engine (default: what the machine can spare). */
  workers?: number;
  /** Accept self-signed certificates (k6 `insecureSkipTLSVerify`). */
  insecureSkipTlsVerify?: boolean;
  /** Keep each VU's cookies across iterations (k6 `noCookiesReset`); reset per iteration otherwise. */
  noCookiesReset?: boolean;
  /** The scenario file, for engines that run the flow out of process (k6 bundles it). */
  source?: { scenarioFile: string; scenario: Scenario };
  /** Run as this many engine processes, each an equal execution segment (k6 semantics). */
  segments?: number;
}

export interface EngineResult {
  iterations: number;
  /** Iterations cut short by the end of the run or an interrupt. */
  interruptedIterations: number;
  droppedIterations: number;
  /** Exceptions thrown by the flow, by message, with their count. */
  flowErrors: Record<string, number>;
  /** Where each message of `flowErrors` was first thrown, and its `flow_errors` tag. */
  flowErrorSites?: Record<string, FlowErrorSite>;
  /** The most VUs in an iteration at once. */
  peakVus: number;
  /** The most VUs allocated at once (busy or idle: an open model's pool; k6's vus_max). */
  peakAllocatedVus?: number;
  /** k6's own threshold verdicts, when k6 ran the load. */
  k6Thresholds?: { metric: string; expression: string; passed: boolean }[];
  /**
   * Thresholds a plain k6 script declared in its options: from k6's JSON output (base metrics,
   * with abortOnFail) and its summary export (which alone lists the tagged ones).
   */
  k6DeclaredThresholds?: Record<string, ThresholdSource[]>;
  /** Whether the generator kept the schedule (set by the lifecycle from its self-monitoring). */
  generator?: GeneratorHealth;
}

export interface EngineEvents {
  /**
   * When the measured load really starts (unix ms): after worker threads are ready, which can
   * take a while after `run` is called. Phases and rates are cut from this instant.
   */
  onStart?(unixMs: number): void;
  /** The first time a distinct flow exception is seen, with its `file:line` when known. */
  onFlowError?(message: string, location?: string): void;
  /** An arrival started `lagMs` late because the generator was busy (open model). */
  onScheduleLag?(lagMs: number): void;
  /** A worker thread's event-loop delay (p99) over its second `t` (unix seconds). */
  onWorkerLag?(lagMs: number, t: number): void;
}

export interface Engine {
  /** Runs its VUs in this process (the lifecycle then watches its event loop and CPU). */
  readonly inProcess?: boolean;
  /**
   * Its samples carry their own time (k6): it hands whole seconds, labelled by that time, to
   * `sink.merge`, and the lifecycle writes them as they are rather than flushing by the clock.
   */
  readonly timestampedBuckets?: boolean;
  /** Threads that will run VUs for `plan` (1 when absent). */
  threads?(plan: EnginePlan): number;
  run(
    plan: EnginePlan,
    sink: MetricSink,
    signal: AbortSignal,
    events?: EngineEvents,
  ): Promise<EngineResult>;
}
