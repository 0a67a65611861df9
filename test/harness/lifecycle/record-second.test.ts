import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Hdr from 'hdr-histogram-js';
import { describe, expect, it, vi } from 'vitest';
import type * as AddEncoded from '../../../core/hdr/add-encoded.js';
import { mergeEncoded, percentile } from '../../../core/hdr/histogram.js';
import { redactTags } from '../../../core/run-dir/redact.js';
import {
  RUN_SCHEMA_VERSION,
  type ClientBucket,
  type RunMeta,
  type Tags,
} from '../../../core/run-dir/run-data.js';
import { addSeries, matchesTags, type MergedMetric } from '../../../core/series/merge.js';
import type { Second } from '../../../core/series/second.js';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { recordSecond } from '../../../harness/lifecycle/record-second.js';
import { bucketStats } from '../../../harness/progress/bucket-stats.js';
import { RunStore } from '../../../harness/store/run-store.js';
import { TagRedactor } from '../../../harness/store/tag-redactor.js';
import {
  LiveThresholds,
  type Breach,
} from '../../../reports/analysis/thresholds/live-thresholds.js';
import { judge } from '../../../reports/analysis/thresholds/thresholds.js';
import { evaluateWindowed } from '../../../reports/analysis/thresholds/windowed-threshold.js';
import { parseThresholds, type Threshold } from '../../../scenarios/thresholds.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

// Every histogram encode and decode in this file's process, wherever it happens.
const codec = vi.hoisted(() => ({ encodes: 0, decodes: 0 }));
vi.mock('hdr-histogram-js', async (importOriginal) => {
  const real = await importOriginal<typeof Hdr>();
  return {
    ...real,
    encodeIntoCompressedBase64: (...args: Parameters<typeof real.encodeIntoCompressedBase64>) => {
      codec.encodes++;
      return real.encodeIntoCompressedBase64(...args);
    },
    decodeFromCompressedBase64: (...args: Parameters<typeof real.decodeFromCompressedBase64>) => {
      codec.decodes++;
      return real.decodeFromCompressedBase64(...args);
    },
  };
});
vi.mock('../../../core/hdr/add-encoded.js', async (importOriginal) => {
  const real = await importOriginal<typeof AddEncoded>();
  return {
    addEncoded: (...args: Parameters<typeof real.addEncoded>) => {
      codec.decodes++;
      real.addEncoded(...args);
    },
  };
});

const meta: Omit<RunMeta, 'id'> = {
  schemaVersion: RUN_SCHEMA_VERSION,
  status: 'running',
  startedAt: '2026-01-01T00:00:00.000Z',
  scenario: {
    name: 'one pass',
    profile: { kind: 'scenarios', scenarios: {} },
    loadModel: 'unknown',
    executors: {},
    thresholds: {},
    durationMs: 1000,
  },
  phases: [],
  target: { name: 't', provider: 'external', baseUrl: 'http://127.0.0.1:1' },
  engine: 'builtin',
  loadrig: '0.0.0',
  node: process.version,
  host: { hostname: 'h', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'x', memoryBytes: 1 },
  serverSeries: [],
};

const WORKERS = 3;
const ENDPOINTS = ['/login', '/items?token=s3cret'];
let seed = 11;
const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;

/** One second of a worker thread: two endpoints' latencies, request counters and failures. */
function workerSecond(t: number, slow: boolean): ClientBucket {
  const agg = new Aggregator({ percentiles: false });
  for (const name of ENDPOINTS) {
    const tags = { name, method: 'GET', status: '200' };
    for (let i = 0; i < 200; i++) {
      const ms = (slow ? 300 : 5) + random() ** 3 * 200;
      agg.trend('http_req_duration', tags, ms);
      agg.counter('http_reqs', tags, 1);
      agg.rate('http_req_failed', tags, random() < 0.02);
    }
  }
  agg.gauge('queue_depth', {}, Math.round(random() * 50));
  // Posted to the main thread: a structured clone, so tags arrive as new objects every second.
  return structuredClone(agg.flush(t));
}

const thresholds = parseThresholds({
  // Comparisons no figure can meet, so every second reports its figure.
  http_req_duration: [
    'p(95)<0',
    'avg<0',
    { threshold: 'p(99)<0', window: '5s' },
    { threshold: 'max<0', window: '3s' },
  ],
  'http_req_duration{name:/login}': ['med<0'],
  http_req_failed: ['rate<0', { threshold: 'rate<0', window: '4s' }],
  http_reqs: ['count<0', 'rate<0'],
  queue_depth: ['value<-1', { threshold: 'value<-1', window: '2s' }],
});

/** Live thresholds as they were judged from stored buckets before (decoding each second). */
class StoredBucketThresholds {
  private readonly merged = new Map<object, MergedMetric | undefined>();
  private readonly recent: ClientBucket[] = [];
  private firstT: number | undefined;
  constructor(private readonly list: Threshold[]) {}
  push(bucket: ClientBucket): Breach[] {
    this.firstT ??= bucket.t;
    this.recent.push(bucket);
    const out: Breach[] = [];
    for (const { selector, expressions } of this.list) {
      for (const expression of expressions) {
        const source = { selector: selector.source, expression: expression.source };
        if (expression.windowMs !== undefined) {
          const seconds = Math.round(expression.windowMs / 1000);
          const last = this.recent.filter((b) => b.t > bucket.t - seconds);
          const v = evaluateWindowed(last, selector, expression);
          if (!v.ok && v.actual !== null)
            out.push({ ...source, actual: v.actual, windowSec: seconds });
          continue;
        }
        let m = this.merged.get(expression);
        for (const s of bucket.metrics[selector.metric] ?? []) {
          if (matchesTags(s.tags, selector.tags)) m = addSeries(m, s, bucket.t, selector.metric);
        }
        this.merged.set(expression, m);
        const v = judge(m, expression, bucket.t - this.firstT + 1, selector.source);
        if (!v.ok && v.actual !== null) out.push({ ...source, actual: v.actual });
      }
    }
    return out;
  }
}

describe('one pass per second, worker to run directory', () => {
  it('decodes each worker histogram once and encodes each second once; thresholds and progress read the same numbers as from the stored line', () => {
    const dir = tempDir('loadrig-one-pass-');
    const { store } = RunStore.create(dir, meta);
    const main = new Aggregator();
    const live = new LiveThresholds(thresholds, { all: true });
    const reference = new StoredBucketThresholds(thresholds);
    // Progress reads the second during the call (the aggregator reuses its state afterwards).
    const seen: { t: number; stats: ReturnType<typeof bucketStats> }[] = [];
    const progress = {
      bucket: (second: Second) => seen.push({ t: second.t, stats: bucketStats(second) }),
    };
    const breachesLive: Breach[][] = [];
    const perSecond: { encodes: number; decodes: number }[] = [];
    const SECONDS = 8;
    for (let i = 0; i < SECONDS; i++) {
      const t = 1000 + i;
      const posted = Array.from({ length: WORKERS }, () => workerSecond(t, i === 4));
      codec.encodes = 0;
      codec.decodes = 0;
      for (const bucket of posted) main.merge(bucket);
      main.gauge('generator_cpu', {}, 40);
      breachesLive.push(recordSecond(main, t, () => i * 1000, { live, store, progress }));
      perSecond.push({ ...codec });
    }
    store.close();

    // Each worker histogram (2 endpoints × 3 workers) decoded once, straight into the main
    // second; each of the second's 2 histograms encoded once, by the store.
    expect(perSecond).toEqual(Array(SECONDS).fill({ encodes: 2, decodes: WORKERS * 2 }));

    const lines = readFileSync(join(store.dir, 'client.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ClientBucket);
    expect(lines.map((b) => b.t)).toEqual(seen.map((s) => s.t));
    lines.forEach((line, i) => {
      // Live thresholds: the figures the stored line gives, exactly.
      expect(breachesLive[i]).toEqual(reference.push(line));
      // Progress: the request count and failures of the line; p95 as the line's histograms
      // give it, clamped to the second's exact max (HDR reports a bucket's upper edge).
      const durations = (line.metrics['http_req_duration'] ?? []).flatMap((s) =>
        s.kind === 'trend' ? [s] : [],
      );
      const requests = durations.reduce((n, s) => n + s.count, 0);
      const max = Math.max(...durations.map((s) => s.max));
      const p95 = percentile(mergeEncoded(durations.map((s) => s.hist)), 95);
      let failed = 0;
      for (const s of line.metrics['http_req_failed'] ?? [])
        if (s.kind === 'rate') failed += s.passes;
      expect(seen[i]?.stats).toEqual({ requests, failed, p95Ms: Math.min(p95, max) });
      expect(line.percentiles?.['http_req_duration']?.p95).toBe(seen[i]?.stats.p95Ms);
    });
    // Every expression reports its figure every second (none can pass).
    expect(breachesLive.map((b) => b.length)).toEqual(Array(SECONDS).fill(11));
    expect(lines[0]?.metrics['http_req_duration']?.[1]?.tags['name']).toBe(
      '/items?token=[REDACTED]',
    );
  });

  it('redacts each distinct tag set once, however many seconds repeat it', () => {
    const dir = tempDir('loadrig-one-pass-');
    const redacted: Tags[] = [];
    const counting = new TagRedactor((tags) => {
      redacted.push(tags);
      return redactTags(tags);
    });
    const { store } = RunStore.create(dir, meta, counting);
    const main = new Aggregator();
    for (let t = 0; t < 5; t++) {
      for (let w = 0; w < WORKERS; w++) main.merge(workerSecond(t, false));
      store.appendSecond(main.close(t));
      // An encoded second (an import) whose tags are fresh copies of the same sets.
      store.appendClient(workerSecond(t, false));
    }
    store.close();
    // 2 endpoint tag sets and the empty one of queue_depth.
    expect(redacted.map((tags) => tags['name'] ?? '-').sort()).toEqual(['-', ...ENDPOINTS].sort());
    const text = readFileSync(join(store.dir, 'client.ndjson'), 'utf8');
    expect(text).not.toContain('s3cret');
    expect(text.trim().split('\n')).toHaveLength(10);
  });
});
