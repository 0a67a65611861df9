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
    // Only what k6 writes is read: a record and its data are objects, names and times strings,
    // values numbers. Anything else (`null`, an object where a string goes) is a malformed line.
    if (!isRecord(record) || !isRecord(record['data'])) {
      this.malformedLines++;
      return undefined;
    }
    const { type, metric, data } = record as { type: unknown; metric: unknown; data: Rec };
    if (type === 'Metric') {
      const name = typeof data['name'] === 'string' ? data['name'] : metric;
      const kind = ownKind(KINDS, data['type']);
      if (typeof name !== 'string' || kind === undefined) {
        this.malformedLines++;
        return undefined;
      }
      const thresholds = Array.isArray(data['thresholds'])
        ? (data['thresholds'] as unknown[]).flatMap(thresholdOf)
        : [];
      const submetrics = Array.isArray(data['submetrics'])
        ? (data['submetrics'] as unknown[])
            .map((s) => (isRecord(s) ? s['name'] : undefined))
            .filter((n): n is string => typeof n === 'string')
        : [];
      this.metrics.set(name, { name, kind, thresholds, submetrics });
      return undefined;
    }
    if (type !== 'Point' || typeof metric !== 'string') return undefined;
    const kind = this.metrics.get(metric)?.kind ?? ownKind(K6_BUILTIN_METRICS, metric);
    const timeMs = typeof data['time'] === 'string' ? Date.parse(data['time']) : NaN;
    const raw = data['value'];
    const value = typeof raw === 'number' ? raw : NaN;
    if (!kind || !Number.isFinite(timeMs) || !Number.isFinite(value)) {
      this.malformedLines++;
      return undefined;
    }
    return { metric, kind, timeMs, value, tags: keptTags(data['tags']) };
  }

  /**
   * Thresholds declared in the script, as k6 reported them per metric. k6 writes only those of
   * base metrics here: tagged ones (`http_req_duration{name:login}`) are in its summary export.
   */
  thresholds(): Record<string, ThresholdSource[]> {
    // fromEntries defines own keys: a metric called `__proto__` stays a metric.
    return Object.fromEntries(
      [...this.metrics.values()]
        .filter((m) => m.thresholds.length > 0)
        .map((m) => [m.name, m.thresholds]),
    );
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
  if (!isRecord(raw)) return {};
  const kept: [string, string][] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (DROPPED_TAGS.has(k) || v === '') continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      kept.push([k, String(v)]);
    }
  }
  return Object.fromEntries(kept);
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `table[key]` for a string key the table holds itself (not `constructor` from Object). */
function ownKind(
  table: Readonly<Record<string, MetricKind>>,
  key: unknown,
): MetricKind | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
