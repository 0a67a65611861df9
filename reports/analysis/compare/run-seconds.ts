import { recordedValues } from '../../../core/hdr/recorded-values.js';
import type { ClientBucket, RunData, Tags } from '../../../core/run-dir/run-data.js';
import { endpointKey } from '../endpoints.js';
import { sourceReader, type ServerSource } from './server-sources.js';
import { steadyWindow, type SteadyWindow } from './steady-window.js';

/** One second of latencies of one group: HDR buckets (stored units, ×1000) and exact extremes. */
export interface LatencySecond {
  values: number[];
  counts: number[];
  count: number;
  /** In ms. */
  min: number;
  max: number;
}

/** Per-second traffic of one group (all requests, or one endpoint). */
export interface TrafficSeconds {
  requests: number[];
  failed: number[];
  /** Requests whose failure was recorded (http_req_failed total). */
  judged: number[];
  latency: (LatencySecond | null)[];
}

/**
 * A run's steady seconds, in the shapes the comparison resamples: index i is the i-th steady
 * second, the same index in every array. Server values are NaN where the source had a gap.
 */
export interface RunSeconds {
  id: string;
  /** Unix second each index starts at. */
  t: number[];
  /** Seconds each index covers: 1, or more once a long run is coarsened (coarsen-seconds.ts). */
  span: number[];
  source: SteadyWindow['source'];
  all: TrafficSeconds;
  endpoints: Map<string, TrafficSeconds>;
  /** By server source kind: CPU in ms per second, memory bytes, event-loop p99 ms, GC ms. */
  server: Partial<Record<ServerSource, number[]>>;
}

/** `sources`: the server series every run of the comparison has (commonSources). */
export function runSeconds(
  run: RunData,
  sources: Partial<Record<ServerSource, string>> = {},
): RunSeconds {
  const window = steadyWindow(run);
  const all = emptyTraffic();
  const endpoints = new Map<string, TrafficSeconds>();
  const t: number[] = [];
  window.buckets.forEach((bucket, i) => {
    t.push(bucket.t);
    addSecond(bucket, i, all, endpoints);
  });
  for (const e of endpoints.values()) pad(e, t.length);
  const samples = new Map(run.server.map((s) => [s.t, s.values]));
  const server: RunSeconds['server'] = {};
  for (const [kind, name] of Object.entries(sources) as [ServerSource, string][]) {
    const read = sourceReader(run.meta, kind, name);
    server[kind] = t.map((second) => {
      const values = samples.get(second);
      return values ? read(values) : NaN;
    });
  }
  return {
    id: run.meta.id,
    t,
    span: t.map(() => 1),
    source: window.source,
    all,
    endpoints,
    server,
  };
}

function emptyTraffic(): TrafficSeconds {
  return { requests: [], failed: [], judged: [], latency: [] };
}

/** An endpoint first seen at second i gets zeros (no requests) for the seconds before it. */
function pad(traffic: TrafficSeconds, length: number): void {
  while (traffic.requests.length < length) {
    traffic.requests.push(0);
    traffic.failed.push(0);
    traffic.judged.push(0);
    traffic.latency.push(null);
  }
}

interface Accumulating {
  requests: number;
  failed: number;
  judged: number;
  counted: boolean;
  hist: Map<number, number>;
  count: number;
  min: number;
  max: number;
}

function addSecond(
  bucket: ClientBucket,
  index: number,
  all: TrafficSeconds,
  endpoints: Map<string, TrafficSeconds>,
): void {
  const whole = accumulating();
  const byKey = new Map<string, Accumulating>();
  const at = (tags: Tags): Accumulating => {
    const key = endpointKey(tags);
    let acc = byKey.get(key);
    if (!acc) byKey.set(key, (acc = accumulating()));
    return acc;
  };
  for (const s of bucket.metrics['http_reqs'] ?? []) {
    if (s.kind !== 'counter') continue;
    for (const acc of [whole, at(s.tags)]) {
      acc.requests += s.value;
      acc.counted = true;
    }
  }
  for (const s of bucket.metrics['http_req_failed'] ?? []) {
    if (s.kind !== 'rate') continue;
    for (const acc of [whole, at(s.tags)]) {
      acc.failed += s.passes;
      acc.judged += s.total;
    }
  }
  for (const s of bucket.metrics['http_req_duration'] ?? []) {
    if (s.kind !== 'trend' || s.count === 0) continue;
    const rv = recordedValues(s.hist);
    for (const acc of [whole, at(s.tags)]) {
      rv.values.forEach((v, j) => acc.hist.set(v, (acc.hist.get(v) ?? 0) + rv.counts[j]!));
      acc.count += s.count;
      acc.min = Math.min(acc.min, s.min);
      acc.max = Math.max(acc.max, s.max);
    }
  }
  push(all, whole);
  for (const [key, acc] of byKey) {
    let traffic = endpoints.get(key);
    if (!traffic) endpoints.set(key, (traffic = emptyTraffic()));
    pad(traffic, index);
    push(traffic, acc);
  }
}

function accumulating(): Accumulating {
  return {
    requests: 0,
    failed: 0,
    judged: 0,
    counted: false,
    hist: new Map(),
    count: 0,
    min: Infinity,
    max: -Infinity,
  };
}

function push(traffic: TrafficSeconds, acc: Accumulating): void {
  // An engine that records durations but no http_reqs counter still has a throughput.
  traffic.requests.push(acc.counted ? acc.requests : acc.count);
  traffic.failed.push(acc.failed);
  traffic.judged.push(acc.judged);
  if (acc.count === 0) {
    traffic.latency.push(null);
    return;
  }
  const values = [...acc.hist.keys()].sort((a, b) => a - b);
  traffic.latency.push({
    values,
    counts: values.map((v) => acc.hist.get(v)!),
    count: acc.count,
    min: acc.min,
    max: acc.max,
  });
}
