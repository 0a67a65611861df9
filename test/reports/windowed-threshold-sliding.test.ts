import * as hdr from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { exactJson } from '../../bench/exact-json.js';
import { encodeHistogram, newHistogram, recordValue } from '../../core/hdr/histogram.js';
import type { ClientBucket, MetricSeries, Tags } from '../../core/run-dir/run-data.js';
import { combine, emptyMerged, mergeMetric, type MergedMetric } from '../../core/series/merge.js';
import { judge } from '../../reports/analysis/thresholds/thresholds.js';
import {
  evaluateWindowed,
  type WindowedVerdict,
} from '../../reports/analysis/thresholds/windowed-threshold.js';
import {
  parseThresholds,
  type MetricSelector,
  type ThresholdExpression,
} from '../../scenarios/thresholds.js';
import { seededRandom } from '../helpers/seeded-random.js';

/**
 * The oracle: sliding-window thresholds as first written, every window's histograms merged
 * afresh (a walk of each histogram's buckets per second per window: far too slow for a long
 * run, plainly right). The sliding evaluation must give the same verdict, figure and worst
 * window, bit for bit.
 */
function oracle(
  buckets: readonly ClientBucket[],
  selector: MetricSelector,
  expression: ThresholdExpression,
): WindowedVerdict {
  const seconds = Math.max(1, Math.round((expression.windowMs ?? 1000) / 1000));
  const perSecond = new Map<number, MergedMetric>();
  for (const bucket of buckets) {
    const m = mergeMetric([bucket], selector.metric, selector.tags);
    if (m === undefined) continue;
    const seen = perSecond.get(bucket.t);
    perSecond.set(bucket.t, seen ? combine(seen, m, selector.metric) : m);
  }
  const none = {
    ok: false,
    actual: null,
    message: `no samples for ${selector.source}: check the metric name and tag values, and that the flow reached it`,
    window: { seconds, worstEndT: null },
  };
  if (perSecond.size === 0) return none;
  const ts = [...perSecond.keys()].sort((a, b) => a - b);
  const first = ts[0] as number;
  const last = ts[ts.length - 1] as number;
  const lastEnd = Math.max(last, first + seconds - 1);
  let worst: { actual: number; endT: number } | undefined;
  let anyFailed = false;
  let message: string | undefined;
  for (let end = Math.min(first + seconds - 1, last); end <= Math.min(last, lastEnd); end++) {
    const window = windowAt(perSecond, end, seconds, selector.metric);
    if (window === undefined) continue;
    const v = judge(window, expression, Math.min(seconds, end - first + 1), selector.source);
    if (v.actual === null) {
      message ??= v.message;
      continue;
    }
    if (!v.ok && !anyFailed) {
      anyFailed = true;
      worst = undefined; // from now on only failing windows compete for "worst"
    }
    if (
      (v.ok && anyFailed) ||
      (worst !== undefined && !isWorse(v.actual, worst.actual, expression))
    ) {
      continue;
    }
    worst = { actual: v.actual, endT: end };
  }
  if (worst === undefined) return { ...none, ...(message ? { message } : {}) };
  return { ok: !anyFailed, actual: worst.actual, window: { seconds, worstEndT: worst.endT } };
}

function windowAt(
  perSecond: Map<number, MergedMetric>,
  end: number,
  seconds: number,
  metric: string,
): MergedMetric | undefined {
  let acc: MergedMetric | undefined;
  for (let t = end - seconds + 1; t <= end; t++) {
    const m = perSecond.get(t);
    if (m === undefined) continue;
    acc = combine(acc ?? emptyMerged(m.kind), m, metric);
  }
  return acc;
}

/** Whether `a` is further on the failing side of the comparison than `b`. */
function isWorse(a: number, b: number, e: ThresholdExpression): boolean {
  switch (e.comparator) {
    case '<':
    case '<=':
      return a > b;
    case '>':
    case '>=':
      return a < b;
    default:
      return Math.abs(a - e.value) > Math.abs(b - e.value);
  }
}

function run(seed: number, foreignEvery: number): ClientBucket[] {
  const random = seededRandom(seed);
  const out: ClientBucket[] = [];
  for (let i = 0; i < 160; i++) {
    if (i % 23 === 11) continue; // seconds never written
    const durations: MetricSeries[] = [];
    const failed: MetricSeries[] = [];
    const endpoints: Tags[] = [
      { name: 'a', status: '200' },
      { name: 'a', status: '500' },
      { name: 'b', status: '200' },
    ];
    for (const tags of endpoints) {
      const n = Math.floor(random() * (tags['status'] === '500' ? 3 : 15));
      // Another precision now and then: its buckets are not the sliding window's.
      const h =
        foreignEvery > 0 && i % foreignEvery === 7
          ? hdr.build({ numberOfSignificantValueDigits: 2, highestTrackableValue: 1e12 })
          : newHistogram();
      const slow = i > 90 && i < 96 ? 40 : 1;
      const values = Array.from({ length: n }, () => 20 * slow * (0.2 + random()) * Math.E);
      for (const v of values) recordValue(h, v);
      if (n > 0 || random() < 0.3) {
        durations.push({
          kind: 'trend',
          tags,
          count: n,
          sum: values.reduce((a, b) => a + b, 0),
          min: n ? Math.min(...values) : 0,
          max: n ? Math.max(...values) : 0,
          hist: encodeHistogram(h),
        });
      }
      failed.push({ kind: 'rate', tags, passes: tags['status'] === '500' ? n : 0, total: n });
    }
    const bucket: ClientBucket = {
      t: 5_000 + i,
      vus: 3,
      metrics: {
        http_req_duration: durations,
        http_req_failed: failed,
        http_reqs: [{ kind: 'counter', tags: {}, value: random() * 9 }],
        depth: [{ kind: 'gauge', tags: {}, value: i % 7, min: 0, max: i % 11 }],
      },
    };
    out.push(bucket);
    if (i === 40) out.push(structuredClone(bucket)); // a second written twice
  }
  return out;
}

const CASES: [string, string, string][] = [
  ['http_req_duration', 'p(95)<300', '10s'],
  ['http_req_duration{status:500}', 'p(99.9)<900', '30s'],
  ['http_req_duration{name:b}', 'med<40', '7s'],
  ['http_req_duration', 'p(0)>1', '3s'],
  ['http_req_duration', 'p(50)>10', '1s'],
  ['http_req_duration', 'avg<100', '20s'],
  ['http_req_duration{name:a}', 'max<1000', '5s'],
  ['http_req_failed', 'rate<0.1', '15s'],
  ['http_reqs', 'count>30', '10s'],
  ['depth', 'value<6', '4s'],
  ['http_req_duration{name:none}', 'p(95)<300', '10s'],
  ['http_req_duration', 'p(95)<300', '600s'],
];

describe('sliding-window thresholds, against merging every window afresh', () => {
  it.each([
    ['histograms of one layout', 0],
    ['histograms of another precision now and then', 37],
  ])('%s: same verdict, figure and worst window', { timeout: 60_000 }, (_label, foreignEvery) => {
    const buckets = run(9, foreignEvery);
    for (const [source, threshold, window] of CASES) {
      const [parsed] = parseThresholds({ [source]: [{ threshold, window }] });
      const { selector, expressions } = parsed!;
      // The run cut short at several seconds: each cut's worst window is pinned too.
      for (const cut of [5_010, 5_093, 5_160]) {
        const upTo = buckets.filter((b) => b.t < cut);
        expect(exactJson(evaluateWindowed(upTo, selector, expressions[0]!))).toBe(
          exactJson(oracle(upTo, selector, expressions[0]!)),
        );
      }
    }
  });
});
