import type * as Influx from 'influx';
import { decodeHistogram, percentile } from '../../../core/hdr/histogram.js';
import type {
  ClientBucket,
  MetricSeries,
  RunMeta,
  ServerSample,
  Tags,
} from '../../../core/run-dir/run-data.js';
import { redactTags } from '../../../core/run-dir/redact.js';
import type { RunDigest } from '../../../core/run-dir/schema/digest.js';

/** The measurement that holds one point per run: its identity and the figures history reads. */
export const RUN_MEASUREMENT = 'loadrig_run';

/**
 * Redacted as the run directory's tags are (a request name may carry a token). InfluxDB
 * refuses empty tag values; k6 leaves such tags out too.
 */
function tagsOf(tags: Tags, testid: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(redactTags(tags))) if (v !== '') out[k] = v;
  out['testid'] = testid;
  return out;
}

/**
 * A series' second as fields: k6's `value` (mean of a trend, count of a counter, share of a
 * rate, last value of a gauge, so k6 dashboards read it as they read k6's own samples) plus
 * the aggregates. Percentiles come from the series' own histogram, clamped to its min and max.
 */
function fieldsOf(s: MetricSeries): Record<string, number> | undefined {
  switch (s.kind) {
    case 'trend': {
      if (s.count === 0) return undefined;
      const h = decodeHistogram(s.hist);
      const p = (q: number) => Math.min(Math.max(percentile(h, q), s.min), s.max);
      const mean = s.sum / s.count;
      return {
        value: mean,
        count: s.count,
        mean,
        min: s.min,
        max: s.max,
        p50: p(50),
        p90: p(90),
        p95: p(95),
        p99: p(99),
      };
    }
    case 'counter':
      return { value: s.value, count: s.value };
    case 'rate':
      return s.total === 0
        ? undefined
        : { value: s.passes / s.total, count: s.total, passes: s.passes };
    case 'gauge':
      return { value: s.value, min: s.min, max: s.max };
  }
}

/**
 * One second of a run as InfluxDB points, named as k6 names them: a measurement per metric
 * (`http_req_duration`, `http_reqs`, `checks`...) with the series' tags (`name`, `method`,
 * `status`, `group`, `check`, `scenario`...) and `testid` = the run id; `vus`; and each server
 * series as its own measurement (`process.cpu_percent`...). Timestamps in ms.
 */
export function secondPoints(
  bucket: ClientBucket,
  sample: ServerSample | undefined,
  testid: string,
): Influx.IPoint[] {
  const timestamp = bucket.t * 1000;
  const points: Influx.IPoint[] = [
    { measurement: 'vus', tags: { testid }, fields: { value: bucket.vus }, timestamp },
  ];
  for (const [measurement, list] of Object.entries(bucket.metrics)) {
    for (const series of list) {
      const fields = fieldsOf(series);
      if (fields)
        points.push({ measurement, tags: tagsOf(series.tags, testid), fields, timestamp });
    }
  }
  if (sample) {
    for (const [measurement, value] of Object.entries(sample.values)) {
      if (!Number.isFinite(value)) continue;
      points.push({ measurement, tags: { testid }, fields: { value }, timestamp: sample.t * 1000 });
    }
  }
  return points;
}

/**
 * The run as one point at its start: who ran what from which code, and the figures of its
 * digest (keys as in digest.json), which `loadrig history --influx` reads back and Grafana
 * shows as an annotation.
 */
export function runPoint(meta: RunMeta, digest: RunDigest): Influx.IPoint {
  const tags: Record<string, string> = { testid: meta.id, scenario: meta.scenario.name };
  if (meta.git?.branch) tags['branch'] = meta.git.branch;
  if (meta.git?.commit) tags['commit'] = meta.git.commit;
  return {
    measurement: RUN_MEASUREMENT,
    tags,
    fields: {
      status: meta.status,
      dirty: meta.git?.dirty ?? false,
      ended_at: meta.endedAt ?? '',
      window_kind: digest.window.kind,
      window_seconds: digest.window.seconds,
      requests: digest.requests,
      ...digest.figures,
    },
    timestamp: Date.parse(meta.startedAt),
  };
}
