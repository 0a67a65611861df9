import type { Phase, RunData, ServerSample } from '../../../core/run-dir/run-data.js';
import { seededRandom } from '../../../reports/analysis/compare/seeded-random.js';
import { httpBucket, runData } from '../fixtures/run-data-builder.js';

export interface SyntheticRun {
  id: string;
  seed: number;
  /** Median latency of /a in ms (/b is twice as slow). */
  latencyMs: number;
  /** Requests per second per endpoint. */
  rate?: number;
  /** Hold seconds; a 5 s ramp before them and 3 s ramp-down after are recorded too. */
  holdSec?: number;
  /** Relative spread of latencies around the median. */
  spread?: number;
  /** Failed requests per second on /a. */
  failedPerSec?: number;
  /** Record phases (default) or none, as a k6 import does. */
  phases?: boolean;
  /** Heap growth in bytes per second (server series). */
  heapGrowthPerSec?: number;
}

const T0 = 1_800_000_000;

/**
 * A run of two endpoints with latencies drawn around a median (seeded, so tests are exact),
 * recorded through real HDR histograms: ramp seconds at 10× the latency (which a comparison
 * must leave out), then the hold, then a ramp-down, with CPU and heap series.
 */
export function syntheticRun(opts: SyntheticRun): RunData {
  const random = seededRandom(opts.seed);
  const hold = opts.holdSec ?? 30;
  const rate = opts.rate ?? 50;
  const spread = opts.spread ?? 0.2;
  const start = T0 + opts.seed * 1000;
  const client = [];
  const server: ServerSample[] = [];
  const total = 5 + hold + 3;
  for (let i = 0; i < total; i++) {
    const ramp = i < 5 || i >= 5 + hold;
    const factor = ramp ? 10 : 1;
    const draw = (medianMs: number) =>
      Array.from(
        { length: rate },
        () => medianMs * factor * Math.exp(spread * (random() + random() - 1)),
      );
    client.push(
      httpBucket(start + i, [
        { name: '/a', durationsMs: draw(opts.latencyMs), failed: opts.failedPerSec ?? 0 },
        { name: '/b', durationsMs: draw(2 * opts.latencyMs) },
      ]),
    );
    server.push({
      t: start + i,
      values: {
        'process.cpu_percent': 40 + 5 * random(),
        'node.heap_used_bytes': 50e6 + (opts.heapGrowthPerSec ?? 0) * i + 1e5 * random(),
      },
    });
  }
  const phases: Phase[] =
    opts.phases === false
      ? []
      : [
          {
            kind: 'ramp-up',
            scenario: 'default',
            startMs: start * 1000,
            endMs: (start + 5) * 1000,
            level: 10,
          },
          {
            kind: 'hold',
            scenario: 'default',
            startMs: (start + 5) * 1000,
            endMs: (start + 5 + hold) * 1000,
            level: 10,
          },
          {
            kind: 'ramp-down',
            scenario: 'default',
            startMs: (start + 5 + hold) * 1000,
            endMs: (start + total) * 1000,
            level: 0,
          },
        ];
  return runData(client, {
    server,
    meta: {
      id: opts.id,
      phases,
      serverSeries: [
        { id: 'process.cpu_percent', label: 'CPU', unit: 'percent', source: 'process' },
        { id: 'node.heap_used_bytes', label: 'heap used', unit: 'bytes', source: 'node' },
      ],
    },
  });
}

/** `n` runs of one build: same medians, different seeds. */
export function rounds(
  n: number,
  base: Omit<SyntheticRun, 'id' | 'seed'>,
  firstSeed: number,
): RunData[] {
  return Array.from({ length: n }, (_, i) =>
    syntheticRun({ ...base, id: `run-${firstSeed + i}`, seed: firstSeed + i }),
  );
}
