import { BUILTIN_METRICS, builtinMetric } from '../../core/builtin-metrics.js';
import type { ErrorIssue } from '../../core/errors.js';
import type { MetricKind } from '../../core/run-dir/run-data.js';
import { closestName } from '../../core/validation/closest-name.js';
import { aggregationMisfit } from '../../reports/analysis/thresholds/judge.js';
import {
  parseExpression,
  parseSelector,
  type MetricSelector,
  type ThresholdSource,
} from '../../scenarios/thresholds.js';

/** Custom metric name → the kind(s) the scenario file declared it with. */
export type DeclaredMetrics = ReadonlyMap<string, ReadonlySet<MetricKind>>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Thresholds checked against the metrics the run can record, before any load: the built-in
 * ones (those of `engine` when it is known) and the custom metrics the file declared. A
 * misspelt metric (`http_req_duraton`) or an aggregation its kind lacks (`p(95)` of a rate)
 * would otherwise fail only after the whole run, as "no samples". Selectors and expressions
 * that do not parse are left out: the scenario's own validation reports them.
 */
export function thresholdMetricIssues(
  thresholds: unknown,
  declared: DeclaredMetrics,
  engine?: string,
): ErrorIssue[] {
  if (!isRecord(thresholds)) return [];
  return Object.entries(thresholds).flatMap(([key, raw]) => {
    const path = `thresholds[${JSON.stringify(key)}]`;
    let selector: MetricSelector;
    try {
      selector = parseSelector(key, path);
    } catch {
      return [];
    }
    const metric = selector.metric;
    const builtin = builtinMetric(metric);
    const custom = declared.get(metric);
    if (builtin === undefined && custom === undefined) {
      return [{ path, message: unknownMetric(metric, declared) }];
    }
    if (builtin?.engines && engine !== undefined && !builtin.engines.some((e) => e === engine)) {
      const instead = metric.startsWith('http_req_')
        ? ', or use http_req_duration (the whole request)'
        : '';
      return [
        {
          path,
          message: `the ${engine} engine does not record ${metric} (only ${builtin.engines.join(', ')} does); run with --engine ${builtin.engines[0]}${instead}`,
        },
      ];
    }
    const kinds = builtin ? [builtin.kind] : [...(custom ?? [])];
    if (kinds.length !== 1) return [];
    return misfits(raw, path, kinds[0] as MetricKind, key);
  });
}

function unknownMetric(metric: string, declared: DeclaredMetrics): string {
  const names = [...Object.keys(BUILTIN_METRICS), ...declared.keys()];
  const near = closestName(metric, names);
  if (near !== undefined) return `no metric named ${metric}; did you mean ${near}?`;
  const own = [...declared.keys()];
  return `no metric named ${metric}: it is neither built in (${Object.keys(BUILTIN_METRICS).join(', ')}) nor declared in this file (${own.length > 0 ? own.join(', ') : 'none'}); declare custom metrics at the top of the file: const ${metric} = new Trend('${metric}')`;
}

/** Expressions whose aggregation the metric's kind does not have. */
function misfits(raw: unknown, path: string, kind: MetricKind, selector: string): ErrorIssue[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((item: ThresholdSource, i) => {
    const itemPath = Array.isArray(raw) ? `${path}[${i}]` : path;
    const text = typeof item === 'object' && item !== null ? item.threshold : item;
    if (typeof text !== 'string') return [];
    try {
      const misfit = aggregationMisfit(kind, parseExpression(text).aggregation, selector);
      return misfit === undefined ? [] : [{ path: itemPath, message: misfit }];
    } catch {
      return [];
    }
  });
}
