import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { encodeHistogram, newHistogram, percentile, recordValue } from '../core/hdr/histogram.js';
import {
  RUN_SCHEMA_VERSION,
  type ClientBucket,
  type RunMeta,
  type ServerSeriesInfo,
  type TrendPercentiles,
  type TrendSeries,
} from '../core/run-dir/run-data.js';

/**
 * A day-long soak as the harness would have written it: 86,400 one-second client buckets (two
 * endpoints, HDR histograms, the aggregator's per-second percentiles) and ten server series,
 * with the features a report must not lose: a one-second latency spike at 13:00, a stall with
 * no requests, a few missing seconds and memory that grows all day.
 */
export const SOAK_SECONDS = 24 * 3600;
const START_T = 1_767_225_600; // 2026-01-01T00:00:00Z

export interface SoakOptions {
  /** Length of the soak (default a day); the spike and the stall keep their place in it. */
  seconds?: number;
  /** Every this many seconds one is missing, as if never written (default 20,000). */
  gapEverySec?: number;
}

export const SOAK_SERVER_SERIES: ServerSeriesInfo[] = [
  { id: 'process.cpu_percent', label: 'CPU', unit: 'percent', source: 'process' },
  { id: 'process.rss_bytes', label: 'RSS', unit: 'bytes', source: 'process' },
  { id: 'node.heap_used_bytes', label: 'heap used', unit: 'bytes', source: 'node' },
  { id: 'node.heap_total_bytes', label: 'heap total', unit: 'bytes', source: 'node' },
  { id: 'node.event_loop_p99_ms', label: 'event loop p99', unit: 'ms', source: 'node' },
  { id: 'node.gc_pause_ms', label: 'GC pause', unit: 'ms', source: 'node' },
  { id: 'process.open_fds', label: 'open fds', unit: 'count', source: 'process' },
  { id: 'process.threads', label: 'threads', unit: 'count', source: 'process' },
  { id: 'node.active_handles', label: 'active handles', unit: 'count', source: 'node' },
  { id: 'pg.connections', label: 'pg connections', unit: 'count', source: 'postgres' },
];

/** Deterministic: the same fixture on every machine (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  series: Omit<TrendSeries, 'tags'>;
  hist: ReturnType<typeof newHistogram>;
}

/**
 * Encoding 170,000 histograms would make the fixture slower to build than the report; seconds
 * draw from a pool of 400 real encoded histograms of varied shapes instead (decoding, which
 * analysis pays, is unaffected).
 */
function shapes(random: () => number, count: number, baseMs: number, n: number): Shape[] {
  return Array.from({ length: count }, () => {
    const hist = newHistogram();
    const values = Array.from(
      { length: n },
      () => baseMs * (0.5 + random()) + (random() < 0.01 ? baseMs * 8 * random() : 0),
    );
    for (const v of values) recordValue(hist, v);
    const series = {
      kind: 'trend' as const,
      count: n,
      sum: values.reduce((a, b) => a + b, 0),
      min: Math.min(...values),
      max: Math.max(...values),
      hist: encodeHistogram(hist),
    };
    return { series, hist };
  });
}

function percentilesOf(parts: Shape[]): TrendPercentiles {
  const merged = newHistogram();
  let count = 0;
  let max = -Infinity;
  for (const p of parts) {
    merged.add(p.hist);
    count += p.series.count;
    max = Math.max(max, p.series.max);
  }
  const q = (p: number) => Math.min(percentile(merged, p), max);
  return { count, p50: q(50), p90: q(90), p95: q(95), p99: q(99), max };
}

/** Writes the fixture into `dir` (created) unless it is already complete there; returns `dir`. */
export function writeSoakFixture(dir: string, opts: SoakOptions = {}): string {
  const seconds = opts.seconds ?? SOAK_SECONDS;
  const gapEvery = opts.gapEverySec ?? 20_000;
  const spikeT = START_T + Math.floor((seconds * 13) / 24);
  const stallT = START_T + Math.floor((seconds * 17) / 24);
  const done = join(dir, 'run.json');
  if (existsSync(done)) return dir;
  mkdirSync(dir, { recursive: true });
  const random = prng(42);
  const home = shapes(random, 200, 12, 40);
  const login = shapes(random, 200, 30, 15);
  const spike = shapes(random, 1, 2000, 15);
  const client = openSync(join(dir, 'client.ndjson'), 'w');
  const server = openSync(join(dir, 'server.ndjson'), 'w');
  const percentileCache = new Map<string, TrendPercentiles>();
  for (let i = 0; i < seconds; i++) {
    const t = START_T + i;
    if (i % gapEvery === gapEvery - 1) continue; // a few seconds the harness never wrote
    const stalled = t >= stallT && t < stallT + 3;
    const hi = Math.floor(random() * home.length);
    const li = Math.floor(random() * login.length);
    const parts = stalled ? [] : [home[hi]!, t === spikeT ? spike[0]! : login[li]!];
    const key = t === spikeT ? `spike` : `${hi}/${li}`;
    const tagsOf = (k: number) =>
      k === 0
        ? { name: '/home', method: 'GET', status: '200' }
        : { name: '/login', method: 'POST', status: '200' };
    const bucket: ClientBucket = {
      t,
      vus: 50,
      metrics: {
        http_req_duration: parts.map((p, k) => ({ ...p.series, tags: tagsOf(k) })),
        http_reqs: parts.map((p, k) => ({
          kind: 'counter',
          tags: tagsOf(k),
          value: p.series.count,
        })),
        http_req_failed: parts.map((p, k) => ({
          kind: 'rate',
          tags: tagsOf(k),
          passes: random() < 0.002 ? 1 : 0,
          total: p.series.count,
        })),
        iterations: [{ kind: 'counter', tags: {}, value: stalled ? 0 : 55 }],
      },
    };
    if (!stalled) {
      let p = percentileCache.get(key);
      if (!p) percentileCache.set(key, (p = percentilesOf(parts)));
      bucket.percentiles = { http_req_duration: p };
    }
    writeSync(client, JSON.stringify(bucket) + '\n');
    const hours = i / 3600;
    const values: Record<string, number> = {
      'process.cpu_percent': round(35 + 10 * Math.sin(i / 600) + 5 * random()),
      'process.rss_bytes': Math.round(180e6 + i * 900 + 2e6 * random()),
      'node.heap_used_bytes': Math.round(90e6 + i * 700 + 8e6 * random()),
      'node.heap_total_bytes': Math.round(120e6 + i * 750),
      'node.event_loop_p99_ms': round(t === spikeT ? 1900 : 11 + 3 * random()),
      'node.gc_pause_ms': round(random() < 0.05 ? 20 * random() : 0),
      'process.open_fds': 60 + Math.floor(4 * random()),
      'process.threads': 11,
      'node.active_handles': 52 + Math.floor(hours),
      'pg.connections': 10 + Math.floor(3 * random()),
    };
    writeSync(server, JSON.stringify({ t, values }) + '\n');
  }
  closeSync(client);
  closeSync(server);
  const meta: RunMeta = {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: `20260101T000000Z-soak-${seconds / 3600}h`,
    status: 'passed',
    startedAt: new Date(START_T * 1000).toISOString(),
    endedAt: new Date((START_T + seconds) * 1000).toISOString(),
    scenario: {
      name: `soak ${seconds / 3600}h`,
      file: 'bench/report-fixture.ts',
      profile: {
        kind: 'soak',
        startVus: 50,
        stages: [{ durationMs: seconds * 1000, vus: 50 }],
      },
      loadModel: 'closed',
      executors: {
        default: {
          executor: 'ramping-vus',
          startVUs: 50,
          stages: [{ duration: seconds * 1000, target: 50 }],
        },
      },
      thresholds: { http_req_duration: ['p(95)<100', 'p(99)<500'], http_req_failed: ['rate<0.01'] },
      durationMs: seconds * 1000,
    },
    target: { name: 'sample-api', provider: 'local', baseUrl: 'http://127.0.0.1:3000' },
    engine: 'builtin',
    loadrig: '0.1.0',
    node: process.version,
    host: {
      hostname: 'bench',
      platform: 'linux',
      arch: 'x64',
      cpus: 2,
      cpuModel: 'bench',
      memoryBytes: 8e9,
    },
    serverSeries: SOAK_SERVER_SERIES,
    phases: [
      {
        kind: 'hold',
        scenario: 'default',
        startMs: START_T * 1000,
        endMs: (START_T + seconds) * 1000,
        level: 50,
      },
    ],
    phasesSource: 'recorded',
  };
  // run.json last: its presence marks a complete fixture.
  writeFileSync(`${done}.tmp`, JSON.stringify(meta, null, 2) + '\n');
  renameSync(`${done}.tmp`, done);
  return dir;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
