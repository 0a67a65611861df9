import type { RunDraw } from './block-bootstrap.js';
import type { MetricDef } from './compare-metrics.js';
import type { GridSecond, LatencyFigures, LatencyGrid } from './latency-grid.js';
import type { RunSeconds, TrafficSeconds } from './run-seconds.js';

interface GriddedTraffic {
  requests: Float64Array;
  failed: Float64Array;
  judged: Float64Array;
  latency: (GridSecond | null)[];
}

interface TrafficFigures extends LatencyFigures {
  throughput: number;
  error_rate: number;
}

const ALL = '';

/**
 * Computes every metric of one side from any draw of its runs and seconds: the observed data
 * (identityDraws) or a bootstrap resample. Latency percentiles come from the merged histogram
 * of the drawn seconds, throughput from their requests per second, the error rate from their
 * failed share; server figures pool the drawn seconds, except the memory slope, which is a
 * slope per drawn run (runs start at different heights), averaged.
 */
export class SideEvaluator {
  private readonly traffic: Map<string, GriddedTraffic>[];
  private readonly keys: string[];

  constructor(
    private readonly runs: readonly RunSeconds[],
    private readonly metrics: readonly MetricDef[],
    private readonly grid: LatencyGrid,
  ) {
    this.keys = [...new Set(metrics.filter(isTraffic).map((m) => m.endpoint?.key ?? ALL))];
    this.traffic = runs.map((run) => {
      const byKey = new Map<string, GriddedTraffic>();
      for (const key of this.keys) {
        const source = key === ALL ? run.all : run.endpoints.get(key);
        byKey.set(key, gridded(source, run.t.length, grid));
      }
      return byKey;
    });
  }

  evaluate(draws: readonly RunDraw[]): Float64Array {
    const byKey = new Map<string, TrafficFigures>();
    for (const key of this.keys) byKey.set(key, this.trafficFigures(key, draws));
    const out = new Float64Array(this.metrics.length);
    this.metrics.forEach((m, i) => {
      switch (m.stat) {
        case 'p50':
        case 'p95':
        case 'p99':
        case 'max':
        case 'throughput':
        case 'error_rate':
          out[i] = byKey.get(m.endpoint?.key ?? ALL)![m.stat];
          break;
        case 'cpu_per_request':
          out[i] = this.cpuPerRequest(draws);
          break;
        case 'memory_slope':
          out[i] = this.memorySlope(draws);
          break;
        case 'event_loop_p99':
          out[i] = this.meanOf('eventLoopP99', draws);
          break;
        case 'gc_time':
          out[i] = this.meanOf('gcPause', draws);
          break;
      }
    });
    return out;
  }

  private trafficFigures(key: string, draws: readonly RunDraw[]): TrafficFigures {
    let seconds = 0;
    let requests = 0;
    let failed = 0;
    let judged = 0;
    for (const { run, seconds: picked } of draws) {
      const t = this.traffic[run]!.get(key)!;
      const span = this.runs[run]!.span;
      for (const s of picked) {
        requests += t.requests[s]!;
        failed += t.failed[s]!;
        judged += t.judged[s]!;
        seconds += span[s]!;
      }
    }
    const latency = this.grid.figures((visit) => {
      for (const { run, seconds: picked } of draws) {
        const t = this.traffic[run]!.get(key)!;
        for (const s of picked) visit(t.latency[s]!);
      }
    });
    return {
      ...latency,
      throughput: seconds > 0 ? requests / seconds : NaN,
      error_rate: judged > 0 ? failed / judged : 0,
    };
  }

  private cpuPerRequest(draws: readonly RunDraw[]): number {
    let cpuMs = 0;
    let requests = 0;
    for (const { run, seconds } of draws) {
      const cpu = this.runs[run]!.server.cpu;
      const reqs = this.runs[run]!.all.requests;
      if (!cpu) return NaN;
      for (const s of seconds) {
        if (!Number.isFinite(cpu[s]!)) continue;
        cpuMs += cpu[s]!;
        requests += reqs[s]!;
      }
    }
    return requests > 0 ? cpuMs / requests : NaN;
  }

  private meanOf(kind: 'eventLoopP99' | 'gcPause', draws: readonly RunDraw[]): number {
    let sum = 0;
    let n = 0;
    for (const { run, seconds } of draws) {
      const values = this.runs[run]!.server[kind];
      if (!values) return NaN;
      for (const s of seconds) {
        const v = values[s]!;
        if (Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
    }
    return n > 0 ? sum / n : NaN;
  }

  /** Least-squares slope per drawn run, in bytes per minute, averaged over the draws. */
  private memorySlope(draws: readonly RunDraw[]): number {
    let total = 0;
    let n = 0;
    for (const { run, seconds } of draws) {
      const values = this.runs[run]!.server.memory;
      const t = this.runs[run]!.t;
      if (!values) return NaN;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let sxy = 0;
      let k = 0;
      for (const s of seconds) {
        const y = values[s]!;
        if (!Number.isFinite(y)) continue;
        const x = (t[s]! - t[0]!) / 60;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        k++;
      }
      const denominator = k * sxx - sx * sx;
      if (k < 3 || denominator <= 0) continue;
      total += (k * sxy - sx * sy) / denominator;
      n++;
    }
    return n > 0 ? total / n : NaN;
  }
}

function isTraffic(m: MetricDef): boolean {
  return (
    m.stat === 'p50' ||
    m.stat === 'p95' ||
    m.stat === 'p99' ||
    m.stat === 'max' ||
    m.stat === 'throughput' ||
    m.stat === 'error_rate'
  );
}

function gridded(
  source: TrafficSeconds | undefined,
  length: number,
  grid: LatencyGrid,
): GriddedTraffic {
  if (!source) {
    return {
      requests: new Float64Array(length),
      failed: new Float64Array(length),
      judged: new Float64Array(length),
      latency: new Array<null>(length).fill(null),
    };
  }
  return {
    requests: Float64Array.from(source.requests),
    failed: Float64Array.from(source.failed),
    judged: Float64Array.from(source.judged),
    latency: source.latency.map((s) => grid.grid(s)),
  };
}
