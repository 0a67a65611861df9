import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeHistogram, newHistogram, recordValue } from '../core/hdr/histogram.js';
import {
  RUN_SCHEMA_VERSION,
  type ClientBucket,
  type RunData,
  type RunMeta,
  type ServerSample,
} from '../core/run-dir/run-data.js';
import { writeDigest } from '../harness/history/write-digest.js';
import { RunStore } from '../harness/store/run-store.js';

/** Deterministic draws (mulberry32 + Box–Muller), the same on every machine. */
function normalSource(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface NightlyFixtureOptions {
  runs: number;
  seed: number;
  /** Hold seconds per run (plus 3 s of ramp-up before it). */
  holdSeconds?: number;
  /** Requests per endpoint per second. */
  ratePerSec?: number;
  /** Latency of every request multiplied by `factor` from run `at` on (0-based). */
  latencyStep?: { at: number; factor: number };
  /** Run-to-run spread of the latency level (standard deviation, relative). */
  runNoise?: number;
  /** Write digest.json as a finished run does (false: an older run without one). */
  digest?: boolean;
  scenario?: string;
  branch?: string;
}

const ENDPOINTS = [
  { name: '/api/orders', method: 'GET', baseMs: 12 },
  { name: '/api/pay', method: 'POST', baseMs: 30 },
];
const DAY_MS = 24 * 3600 * 1000;
const FIRST_START_MS = Date.UTC(2026, 0, 1, 2, 0, 0);

/**
 * Nightly runs of one scenario as loadrig writes them: run.json (schema 2, hold phase, git),
 * client.ndjson with HDR histograms per endpoint and second, server.ndjson with CPU and RSS,
 * a stand-in report.html, and digest.json unless told otherwise. One run a day from
 * 2026-01-01; each run's latency level drifts by `runNoise` around its base.
 */
export function writeNightlyRuns(root: string, opts: NightlyFixtureOptions): string[] {
  const z = normalSource(opts.seed);
  const hold = opts.holdSeconds ?? 30;
  const rate = opts.ratePerSec ?? 100;
  const rampSec = 3;
  const dirs: string[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const startMs = FIRST_START_MS + i * DAY_MS;
    const level =
      (1 + (opts.runNoise ?? 0.04) * z()) *
      (opts.latencyStep && i >= opts.latencyStep.at ? opts.latencyStep.factor : 1);
    const loadStartT = startMs / 1000 + 1;
    const meta: Omit<RunMeta, 'id'> = {
      schemaVersion: RUN_SCHEMA_VERSION,
      status: 'passed',
      startedAt: new Date(startMs).toISOString(),
      endedAt: new Date(startMs + (rampSec + hold + 2) * 1000).toISOString(),
      scenario: {
        name: opts.scenario ?? 'nightly',
        profile: { kind: 'soak', startVus: 0, stages: [] },
        loadModel: 'closed',
        executors: {},
        thresholds: {},
        durationMs: (rampSec + hold) * 1000,
      },
      target: { name: 'api', provider: 'local', baseUrl: 'http://127.0.0.1:3000' },
      phases: [
        { kind: 'ramp-up', startMs: loadStartT * 1000, endMs: (loadStartT + rampSec) * 1000 },
        {
          kind: 'hold',
          startMs: (loadStartT + rampSec) * 1000,
          endMs: (loadStartT + rampSec + hold) * 1000,
          level: 20,
        },
      ],
      engine: 'builtin',
      loadrig: '0.1.0',
      node: process.version,
      git: {
        commit: createHash('sha1').update(`${opts.seed}:${i}`).digest('hex'),
        branch: opts.branch ?? 'main',
        dirty: false,
      },
      host: {
        hostname: 'ci',
        platform: 'linux',
        arch: 'x64',
        cpus: 2,
        cpuModel: 'bench',
        memoryBytes: 8e9,
      },
      serverSeries: [
        { id: 'process.cpu_percent', label: 'CPU', unit: 'percent', source: 'process' },
        { id: 'process.rss_bytes', label: 'RSS', unit: 'bytes', source: 'process' },
      ],
    };
    const { store, meta: full } = RunStore.create(root, meta);
    const client: ClientBucket[] = [];
    const server: ServerSample[] = [];
    for (let s = 0; s < rampSec + hold; s++) {
      const t = loadStartT + s;
      const bucket: ClientBucket = {
        t,
        vus: 20,
        metrics: { http_req_duration: [], http_reqs: [], http_req_failed: [] },
      };
      for (const e of ENDPOINTS) {
        const h = newHistogram();
        let sum = 0;
        let min = Infinity;
        let max = -Infinity;
        for (let k = 0; k < rate; k++) {
          const ms = e.baseMs * level * Math.exp(0.35 * z());
          recordValue(h, ms);
          sum += ms;
          min = Math.min(min, ms);
          max = Math.max(max, ms);
        }
        const tags = { name: e.name, method: e.method, status: '200' };
        bucket.metrics['http_req_duration']!.push({
          kind: 'trend',
          tags,
          count: rate,
          sum,
          min,
          max,
          hist: encodeHistogram(h),
        });
        bucket.metrics['http_reqs']!.push({ kind: 'counter', tags, value: rate });
        bucket.metrics['http_req_failed']!.push({ kind: 'rate', tags, passes: 0, total: rate });
      }
      const sample = {
        t,
        values: {
          'process.cpu_percent': 40 * level + 2 * z(),
          'process.rss_bytes': 150e6 + s * 10e3 + 1e6 * z(),
        },
      };
      store.appendClient(bucket);
      store.appendServer(sample);
      client.push(bucket);
      server.push(sample);
    }
    const run: RunData = { meta: full, client, server };
    if (opts.digest !== false) writeDigest(store, run);
    writeFileSync(join(store.dir, 'report.html'), `<!doctype html><title>${full.id}</title>\n`);
    store.close();
    dirs.push(store.dir);
  }
  return dirs;
}
