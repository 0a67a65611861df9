import type { MetricKind } from '../../../core/run-dir/run-data.js';

/** One sample from k6's `--out json` (a `Point` record), with its metric's kind resolved. */
export interface K6Sample {
  metric: string;
  kind: MetricKind;
  /** Unix time in milliseconds. */
  timeMs: number;
  value: number;
  tags: Record<string, string>;
}

/** A `Metric` record: declared once per metric, before its first point. */
export interface K6MetricInfo {
  name: string;
  kind: MetricKind;
  thresholds: string[];
}

const KINDS: Record<string, MetricKind> = {
  counter: 'counter',
  trend: 'trend',
  rate: 'rate',
  gauge: 'gauge',
};

/**
 * Parses k6's JSON output line by line. Points of a metric whose `Metric` record was not seen
 * (a file cut at its start) fall back to the kind k6 uses for its built-in metric of that name.
 */
export class K6JsonParser {
  readonly metrics = new Map<string, K6MetricInfo>();
  malformedLines = 0;

  parseLine(line: string): K6Sample | undefined {
    if (line.trim() === '') return undefined;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      this.malformedLines++;
      return undefined;
    }
    const r = record as { type?: string; metric?: string; data?: Record<string, unknown> };
    if (r.type === 'Metric' && r.data) {
      const name = String(r.data['name'] ?? r.metric);
      const kind = KINDS[String(r.data['type'])];
      if (kind) {
        const thresholds = Array.isArray(r.data['thresholds'])
          ? (r.data['thresholds'] as unknown[]).map(String)
          : [];
        this.metrics.set(name, { name, kind, thresholds });
      }
      return undefined;
    }
    if (r.type !== 'Point' || !r.data || typeof r.metric !== 'string') return undefined;
    const kind = this.metrics.get(r.metric)?.kind ?? BUILTIN_KINDS[r.metric];
    const timeMs = Date.parse(String(r.data['time']));
    const value = Number(r.data['value']);
    if (!kind || Number.isNaN(timeMs) || !Number.isFinite(value)) {
      this.malformedLines++;
      return undefined;
    }
    return { metric: r.metric, kind, timeMs, value, tags: keptTags(r.data['tags']) };
  }

  /** Thresholds declared in the script, as k6 reported them per metric. */
  thresholds(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const m of this.metrics.values()) if (m.thresholds.length > 0) out[m.name] = m.thresholds;
    return out;
  }
}

/** `url` repeats `name` (or makes a series per query string) and `proto` rarely matters. */
const DROPPED_TAGS = new Set(['url', 'proto']);

function keptTags(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === null || typeof raw !== 'object') return out;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (DROPPED_TAGS.has(k) || v === '' || v === undefined || v === null) continue;
    out[k] = String(v);
  }
  return out;
}

const BUILTIN_KINDS: Record<string, MetricKind> = {
  vus: 'gauge',
  vus_max: 'gauge',
  iterations: 'counter',
  iteration_duration: 'trend',
  dropped_iterations: 'counter',
  data_received: 'counter',
  data_sent: 'counter',
  checks: 'rate',
  http_reqs: 'counter',
  http_req_failed: 'rate',
  http_req_duration: 'trend',
  http_req_blocked: 'trend',
  http_req_connecting: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_sending: 'trend',
  http_req_waiting: 'trend',
  http_req_receiving: 'trend',
  group_duration: 'trend',
};
