import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClientBucket, RunMeta } from '../core/run-dir/run-data.js';
import type { SeriesHandle } from '../harness/aggregator/metric-sink.js';
import { median } from './round.js';

/**
 * The recording path of one second, from worker threads to the run directory, without the
 * network: BENCH_WORKERS aggregators record BENCH_RPS requests a second between them over
 * BENCH_ENDPOINTS tag sets, post their second (a structured clone of the encoded bucket), and
 * the main thread merges them, closes the second, judges live thresholds (whole-run and a 30 s
 * window; none with BENCH_THRESHOLDS=0), feeds the progress line and writes the line of client.ndjson. Prints, per simulated
 * second: histogram encodes and decodes (counted by wrapping the codec before loadrig loads),
 * the time to record the requests (three handles each, the engine's hot path), the workers'
 * flush time and the main thread's time. `npm run bench:record`.
 */
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 4);
const RPS = Number(process.env['BENCH_RPS'] ?? 20_000);
const ENDPOINTS = Number(process.env['BENCH_ENDPOINTS'] ?? 20);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 60);

// Count every encode and decode: the histogram codec (hdr-histogram-js) and the raw inflate
// that adds an encoded histogram without decoding it into one (core/hdr/add-encoded.ts).
const codec = { encodes: 0, decodes: 0 };
const require = createRequire(import.meta.url);
const encoding = require(join(dirname(require.resolve('hdr-histogram-js')), 'encoding.js')) as {
  encodeIntoCompressedBase64: (...a: unknown[]) => string;
  decodeFromCompressedBase64: (...a: unknown[]) => unknown;
};
const zlib = require('node:zlib') as { inflateRawSync: (...a: unknown[]) => Buffer };
const { encodeIntoCompressedBase64: encode, decodeFromCompressedBase64: decode } = encoding;
const inflateRaw = zlib.inflateRawSync;
encoding.encodeIntoCompressedBase64 = (...a) => (codec.encodes++, encode(...a));
encoding.decodeFromCompressedBase64 = (...a) => (codec.decodes++, decode(...a));
zlib.inflateRawSync = (...a) => (codec.decodes++, inflateRaw(...a));
syncBuiltinESMExports();

const { Aggregator } = await import('../harness/aggregator/aggregator.js');
const { recordSecond } = await import('../harness/lifecycle/record-second.js');
const { RunStore } = await import('../harness/store/run-store.js');
const { LiveThresholds } = await import('../reports/analysis/thresholds/live-thresholds.js');
const { parseThresholds } = await import('../scenarios/thresholds.js');
const { ProgressPrinter } = await import('../harness/progress/progress-printer.js');

const meta: Omit<RunMeta, 'id'> = {
  schemaVersion: 2,
  status: 'running',
  startedAt: new Date().toISOString(),
  scenario: {
    name: 'record path bench',
    profile: { kind: 'scenarios', scenarios: {} },
    loadModel: 'closed',
    executors: {},
    thresholds: {},
    durationMs: SECONDS * 1000,
  },
  phases: [],
  target: { name: 'bench', provider: 'external', baseUrl: 'http://127.0.0.1:1' },
  engine: 'builtin',
  loadrig: 'bench',
  node: process.version,
  host: { hostname: 'h', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'x', memoryBytes: 1 },
  serverSeries: [],
};

const out = mkdtempSync(join(tmpdir(), 'loadrig-bench-record-'));
const { store } = RunStore.create(out, meta);
// BENCH_THRESHOLDS=0: a run whose thresholds are judged only at the end (no abortOnFail).
const THRESHOLDS = process.env['BENCH_THRESHOLDS'] !== '0';
const live = new LiveThresholds(
  parseThresholds(
    THRESHOLDS
      ? {
          http_req_duration: ['p(95)<5000', 'avg<5000', { threshold: 'p(99)<5000', window: '30s' }],
          http_req_failed: ['rate<0.5'],
        }
      : {},
  ),
  { all: true },
);
const quiet = { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream;
const progress = new ProgressPrinter(quiet, false);
const workers = Array.from({ length: WORKERS }, () => new Aggregator({ percentiles: false }));
const main = new Aggregator();
const tags = Array.from({ length: ENDPOINTS }, (_, i) =>
  Object.freeze({ name: `/api/e${i}?token=abc`, method: 'GET', status: '200' }),
);
let seed = 3;
const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
const latencies = Array.from({ length: RPS }, () => 2 + random() ** 4 * 400);
const failures = Array.from({ length: RPS }, () => (random() < 0.01 ? 1 : 0));
interface Handles {
  duration: SeriesHandle;
  reqs: SeriesHandle;
  failed: SeriesHandle;
}
const handles: Handles[][] = workers.map((w) =>
  tags.map((tagSet) => ({
    duration: w.series('http_req_duration', 'trend', tagSet),
    reqs: w.series('http_reqs', 'counter', tagSet),
    failed: w.series('http_req_failed', 'rate', tagSet),
  })),
);
const recordMs: number[] = [];

const workerMs: number[] = [];
const mainMs: number[] = [];
const encodes: number[] = [];
const decodes: number[] = [];
const t0 = Math.floor(Date.now() / 1000);
for (let s = 0; s < SECONDS; s++) {
  const t = t0 + s;
  // The engine's hot path: three handles written per request (see tag-context.ts).
  let started = performance.now();
  for (let i = 0; i < RPS; i++) {
    const h = handles[i % WORKERS]?.[Math.floor(i / WORKERS) % ENDPOINTS] as Handles;
    h.duration.add(latencies[i] as number);
    h.reqs.add(1);
    h.failed.add(failures[i] as number);
  }
  recordMs.push(performance.now() - started);
  codec.encodes = 0;
  codec.decodes = 0;
  started = performance.now();
  const posted: ClientBucket[] = workers.map((w) => w.flush(t));
  workerMs.push(performance.now() - started);
  const received = posted.map((b) => structuredClone(b));
  started = performance.now();
  for (const bucket of received) main.merge(bucket);
  recordSecond(main, t, () => s * 1000, { live, store, progress });
  mainMs.push(performance.now() - started);
  encodes.push(codec.encodes);
  decodes.push(codec.decodes);
}
store.close();
rmSync(out, { recursive: true, force: true });

const fmt = (xs: number[]): string => {
  const sorted = [...xs].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(sorted.length * 0.9)] as number;
  return `median ${median(xs).toFixed(2)} ms, p90 ${p90.toFixed(2)} ms`;
};
console.log(
  `## Recording path: ${WORKERS} workers, ${RPS} req/s over ${ENDPOINTS} endpoints, ${SECONDS} s, ${THRESHOLDS ? 'live thresholds (3 whole-run, 1 over 30 s windows)' : 'no live thresholds'}`,
);
console.log(
  `histograms per second: ${median(encodes)} encodes, ${median(decodes)} decodes (${ENDPOINTS} series in the second, ${WORKERS * ENDPOINTS} from the workers)`,
);
console.log(
  `recording, all workers:           ${fmt(recordMs)} (${((median(recordMs) / RPS) * 1e6).toFixed(0)} ns per request)`,
);
console.log(`workers' flush, all workers:      ${fmt(workerMs)}`);
console.log(`main thread (merge to disk line): ${fmt(mainMs)}`);
