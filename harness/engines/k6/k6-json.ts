import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { K6_BUILTIN_METRICS } from '../../../core/builtin-metrics.js';
import type { ThresholdSource } from '../../../scenarios/thresholds.js';

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
  /** As k6 wrote them: a string, or an object when `abortOnFail` is set. */
  thresholds: ThresholdSource[];
  /** Sub-metric names (`http_req_duration{name:login}`), whose thresholds k6 does not write here. */
  submetrics: string[];
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
          ? (r.data['thresholds'] as unknown[]).flatMap(thresholdOf)
          : [];
        const submetrics = Array.isArray(r.data['submetrics'])
          ? (r.data['submetrics'] as { name?: unknown }[])
              .map((s) => s?.name)
              .filter((n): n is string => typeof n === 'string')
          : [];
        this.metrics.set(name, { name, kind, thresholds, submetrics });
      }
      return undefined;
    }
    if (r.type !== 'Point' || !r.data || typeof r.metric !== 'string') return undefined;
    const kind = this.metrics.get(r.metric)?.kind ?? K6_BUILTIN_METRICS[r.metric];
    const timeMs = Date.parse(String(r.data['time']));
    const value = Number(r.data['value']);
    if (!kind || Number.isNaN(timeMs) || !Number.isFinite(value)) {
      this.malformedLines++;
      return undefined;
    }
    return { metric: r.metric, kind, timeMs, value, tags: keptTags(r.data['tags']) };
  }

  /**
   * Thresholds declared in the script, as k6 reported them per metric. k6 writes only those of
   * base metrics here: tagged ones (`http_req_duration{name:login}`) are in its summary export.
   */
  thresholds(): Record<string, ThresholdSource[]> {
    const out: Record<string, ThresholdSource[]> = {};
    for (const m of this.metrics.values()) if (m.thresholds.length > 0) out[m.name] = m.thresholds;
    return out;
  }

  /**
   * Sub-metrics k6 made for tagged thresholds (besides its own `expected_response:true`): their
   * thresholds are missing from this output.
   */
  taggedThresholdMetrics(): string[] {
    return [...this.metrics.values()]
      .flatMap((m) => m.submetrics)
      .filter((name) => !/\{expected_response:true\}$/.test(name));
  }
}

/**
 * k6 marshals a threshold as a plain string, or as `{threshold, abortOnFail, delayAbortEval}`
 * when `abortOnFail` is set (metrics/thresholds.go): both become loadrig's ThresholdSource.
 */
function thresholdOf(raw: unknown): ThresholdSource[] {
  if (typeof raw === 'string') return [raw];
  if (raw === null || typeof raw !== 'object') return [];
  const o = raw as { threshold?: unknown; abortOnFail?: unknown; delayAbortEval?: unknown };
  if (typeof o.threshold !== 'string') return [];
  return [
    {
      threshold: o.threshold,
      ...(o.abortOnFail === true ? { abortOnFail: true } : {}),
      ...(typeof o.delayAbortEval === 'string' && o.delayAbortEval !== ''
        ? { delayAbortEval: o.delayAbortEval }
        : {}),
    },
  ];
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
