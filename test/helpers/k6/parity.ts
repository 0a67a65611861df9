/**
 * What the parity test compares: the metric series each engine recorded (counts and values, not
 * timings) and the requests the test server received, both in an order-free form. Test-only.
 */
import type { ClientBucket } from '../../../core/run-dir/run-data.js';
import type { K6DoubleSample } from './k6-world.js';

/**
 * Tags k6 adds on its own and loadrig's engine does not record (or records per scenario only):
 * compared without them. `group` is compared when a flow is inside one.
 */
const SYSTEM_TAGS = new Set([
  'scenario',
  'url',
  'proto',
  'expected_response',
  'error',
  'error_code',
]);
/** Recorded per connection or per iteration by k6, per request by loadrig: not comparable. */
const NOT_COMPARED = new Set(['data_sent', 'data_received']);
/** Emitted by k6's engine itself, which the doubles do not run (they run the script only). */
const K6_ENGINE_ONLY = new Set(['vus', 'vus_max']);

export type SeriesTable = Record<string, string>;

const key = (metric: string, tags: Record<string, string>): string =>
  `${metric}${JSON.stringify(
    Object.fromEntries(
      Object.entries(tags)
        .filter(([k, v]) => !SYSTEM_TAGS.has(k) && v !== '')
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  )}`;

interface Acc {
  kind: string;
  count: number;
  sum: number;
  min: number;
  max: number;
}

function table(accs: Map<string, Acc>): SeriesTable {
  const out: SeriesTable = {};
  for (const [k, a] of [...accs].sort(([x], [y]) => x.localeCompare(y))) {
    out[k] =
      a.kind === 'trend'
        ? `trend count=${a.count}`
        : a.kind === 'rate'
          ? `rate ${a.sum}/${a.count}`
          : a.kind === 'gauge'
            ? `gauge min=${a.min} max=${a.max}`
            : `counter ${a.sum}`;
  }
  return out;
}

function add(
  accs: Map<string, Acc>,
  k: string,
  kind: string,
  n: number,
  sum: number,
  min: number,
  max: number,
): void {
  const a = accs.get(k) ?? { kind, count: 0, sum: 0, min: Infinity, max: -Infinity };
  a.count += n;
  a.sum += sum;
  a.min = Math.min(a.min, min);
  a.max = Math.max(a.max, max);
  accs.set(k, a);
}

/** The built-in engine's buckets as a table of series. */
export function builtinTable(buckets: ClientBucket[]): SeriesTable {
  const accs = new Map<string, Acc>();
  for (const b of buckets) {
    for (const [metric, list] of Object.entries(b.metrics)) {
      if (NOT_COMPARED.has(metric) || K6_ENGINE_ONLY.has(metric)) continue;
      for (const s of list) {
        const k = key(metric, s.tags);
        if (s.kind === 'trend') add(accs, k, 'trend', s.count, 0, 0, 0);
        else if (s.kind === 'counter') add(accs, k, 'counter', 1, s.value, s.value, s.value);
        else if (s.kind === 'rate') add(accs, k, 'rate', s.total, s.passes, 0, 0);
        else add(accs, k, 'gauge', 1, s.value, s.min, s.max);
      }
    }
  }
  return table(accs);
}

/** The samples k6 would have emitted (per the doubles) as the same table. */
export function k6Table(samples: K6DoubleSample[]): SeriesTable {
  const accs = new Map<string, Acc>();
  for (const s of samples) {
    if (NOT_COMPARED.has(s.metric)) continue;
    const k = key(s.metric, s.tags);
    if (s.kind === 'rate') add(accs, k, 'rate', 1, s.value !== 0 ? 1 : 0, 0, 0);
    else if (s.kind === 'counter') add(accs, k, 'counter', 1, s.value, s.value, s.value);
    else add(accs, k, s.kind, 1, s.value, s.value, s.value);
  }
  return table(accs);
}

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  contentType: string | undefined;
  cookie: string | undefined;
  token: string | undefined;
  bodyHex: string;
}

export const sortedRequests = (list: SeenRequest[]): string[] =>
  list.map((r) => JSON.stringify(r)).sort();
