import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { GeneratorHealth } from '../../core/run-dir/run-data.js';
import { EMPTY_TAGS, type MetricSink } from '../aggregator/metric-sink.js';

/** p99 event-loop delay of one second above which the generator could not keep time. */
export const LAG_LIMIT_MS = 50;
/** An arrival this late (open model) started late because the generator was busy. */
export const LATE_ARRIVAL_MS = 20;
/** CPU of one core above which a single-threaded generator is saturated. */
export const CPU_LIMIT_PERCENT = 95;
/** Seconds over a limit before the run is called unreliable (one GC pause is not a verdict). */
const SECONDS_OVER_LIMIT = 3;

/**
 * Watches the load generator itself, second by second: event-loop delay, CPU, and arrivals
 * that started late. Records `generator_event_loop_lag` (ms, p99 of the second) and
 * `generator_cpu` (% of one core) as gauges, and judges at the end whether the schedule was
 * kept: when it was not, the figures partly measure loadrig, and the run says so.
 */
export class GeneratorMonitor {
  private readonly delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private cpu = process.cpuUsage();
  private at = performance.now();
  private maxLagMs = 0;
  private maxCpuPercent = 0;
  /** The seconds (unix) in which any thread lagged: one stall felt by every thread is one. */
  private readonly laggedSeconds = new Set<number>();
  private cpuSeconds = 0;
  private arrivals = 0;
  private lateArrivals = 0;
  private maxArrivalLagMs = 0;

  /** `threads`: the threads running VUs; CPU is measured for the whole process. */
  constructor(private readonly threads = 1) {}

  start(): void {
    this.delay.enable();
    this.cpu = process.cpuUsage();
    this.at = performance.now();
  }

  /** Called by the engine for every arrival of an arrival-rate executor. */
  readonly onScheduleLag = (lagMs: number): void => {
    this.arrivals++;
    if (lagMs > LATE_ARRIVAL_MS) this.lateArrivals++;
    if (lagMs > this.maxArrivalLagMs) this.maxArrivalLagMs = lagMs;
  };

  /** A worker thread's second `t`: its event-loop delay counts like the main thread's. */
  readonly onWorkerLag = (lagMs: number, t: number): void => {
    this.maxLagMs = Math.max(this.maxLagMs, lagMs);
    if (lagMs > LAG_LIMIT_MS) this.laggedSeconds.add(t);
  };

  /** Closes second `t` (unix seconds): records its figures into `sink`. */
  second(sink: MetricSink, t: number): void {
    const now = performance.now();
    const cpu = process.cpuUsage(this.cpu);
    const cpuPercent = ((cpu.user + cpu.system) / 1000 / Math.max(1, now - this.at)) * 100;
    this.cpu = process.cpuUsage();
    this.at = now;
    const lagMs = this.delay.count > 0 ? this.delay.percentile(99) / 1e6 : 0;
    this.delay.reset();
    sink.gauge('generator_event_loop_lag', EMPTY_TAGS, lagMs);
    sink.gauge('generator_cpu', EMPTY_TAGS, cpuPercent);
    this.maxLagMs = Math.max(this.maxLagMs, lagMs);
    this.maxCpuPercent = Math.max(this.maxCpuPercent, cpuPercent);
    if (lagMs > LAG_LIMIT_MS) this.laggedSeconds.add(t);
    if (cpuPercent > CPU_LIMIT_PERCENT * this.threads) this.cpuSeconds++;
  }

  stop(): GeneratorHealth {
    this.delay.disable();
    const reasons: string[] = [];
    const lagSeconds = this.laggedSeconds.size;
    if (lagSeconds >= SECONDS_OVER_LIMIT) {
      reasons.push(
        `the generator's event loop lagged over ${LAG_LIMIT_MS} ms (p99) in ${lagSeconds} seconds (worst ${this.maxLagMs.toFixed(0)} ms): latencies include time spent waiting inside loadrig`,
      );
    }
    if (this.cpuSeconds >= SECONDS_OVER_LIMIT) {
      reasons.push(
        `the generator used over ${CPU_LIMIT_PERCENT}% of each of its ${this.threads} core(s) in ${this.cpuSeconds} seconds: throughput may be limited by loadrig, not the target; use fewer VUs per process or more workers`,
      );
    }
    if (this.lateArrivals > Math.max(2, this.arrivals * 0.01)) {
      reasons.push(
        `${this.lateArrivals} of ${this.arrivals} arrivals started over ${LATE_ARRIVAL_MS} ms late (worst ${this.maxArrivalLagMs.toFixed(0)} ms) because the generator was busy: the arrival rate was not kept`,
      );
    }
    return {
      reliable: reasons.length === 0,
      reasons,
      maxEventLoopLagMs: round(this.maxLagMs),
      maxCpuPercent: round(this.maxCpuPercent),
      lateArrivals: this.lateArrivals,
      maxArrivalLagMs: round(this.maxArrivalLagMs),
    };
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
