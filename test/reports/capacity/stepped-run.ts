import type { Phase, RunData, ServerSample } from '../../../core/run-dir/run-data.js';
import { uslThroughput } from '../../../reports/analysis/capacity/usl.js';
import { httpBucket, runData, trendSeries } from '../fixtures/run-data-builder.js';

export interface SyntheticStep {
  /** VUs (closed) or iterations/s (open). */
  level: number;
  /** Requests in each second of the hold. */
  perSecond: number[];
  /** The hold's p99; 98 % of requests take half of it. */
  p99Ms: number;
  failed?: number;
  /** Mean iteration time (ms) for Little's law; default level / throughput. */
  iterationMs?: number;
  cpuPercent?: number;
}

const T0 = 1_700_000_000;
const RAMP_SECONDS = 2;

/**
 * A run holding each step in turn (a ramp of 2 s between holds), one bucket per second, with
 * the phases a stress run records. Latencies are real HDR histograms.
 */
export function steppedRun(
  steps: SyntheticStep[],
  opts: { model?: 'closed' | 'open'; id?: string; provider?: string } = {},
): RunData {
  const model = opts.model ?? 'closed';
  const client = [];
  const server: ServerSample[] = [];
  const phases: Phase[] = [];
  let t = T0;
  for (const step of steps) {
    phases.push({
      kind: 'ramp-up',
      scenario: 'default',
      startMs: t * 1000,
      endMs: (t + RAMP_SECONDS) * 1000,
      level: step.level,
    });
    t += RAMP_SECONDS;
    phases.push({
      kind: 'hold',
      scenario: 'default',
      startMs: t * 1000,
      endMs: (t + step.perSecond.length) * 1000,
      level: step.level,
    });
    for (const count of step.perSecond) {
      const durations = Array.from({ length: count }, (_, i) =>
        i < Math.ceil(count * 0.02) ? step.p99Ms : step.p99Ms / 2,
      );
      const bucket = httpBucket(
        t,
        [{ name: '/work', durationsMs: durations, failed: Math.round((step.failed ?? 0) * count) }],
        model === 'closed' ? step.level : 5,
      );
      const iterationMs = step.iterationMs ?? (count > 0 ? (step.level * 1000) / count : 0);
      if (count > 0)
        bucket.metrics['iteration_duration'] = [
          trendSeries(Array.from({ length: count }, () => iterationMs)),
        ];
      client.push(bucket);
      if (step.cpuPercent !== undefined)
        server.push({ t, values: { 'process.cpu_percent': step.cpuPercent } });
      t++;
    }
  }
  return runData(client, {
    server,
    meta: {
      id: opts.id ?? 'stress-run',
      phases,
      target: {
        name: 'sample-api',
        provider: opts.provider ?? 'local',
        baseUrl: 'http://127.0.0.1:3000',
      },
      scenario: {
        name: 'stress',
        profile: { kind: 'ramp', startVus: 0, stages: [] },
        loadModel: model,
        executors: { default: { executor: 'ramping-vus', startVUs: 0, stages: [] } },
        thresholds: {},
        durationMs: (t - T0) * 1000,
      },
    },
  });
}

/** `seconds` seconds of `perSec` requests. */
export const flat = (perSec: number, seconds = 6): number[] =>
  Array.from({ length: seconds }, () => perSec);

export const truth = { sigma: 0.05, kappa: 0.002, lambda: 100 };
const LEVELS = [1, 2, 4, 8, 16, 24, 32];

/** A stress run whose throughput follows the USL exactly and whose p99 climbs with load. */
export function uslRun(scale = 1, id = 'run'): RunData {
  return steppedRun(
    LEVELS.map((n) => ({
      level: n,
      perSecond: flat(Math.round(uslThroughput(truth, n) * scale), 6),
      p99Ms: 10 * n,
    })),
    { id },
  );
}
