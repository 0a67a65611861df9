/**
 * Test-only model of how k6 v1.x reads `options.thresholds`, written from grafana/k6
 * metrics/thresholds_parser.go (the expression grammar), metrics/metric.go `ParseMetricName`
 * (the `metric{tag:value}` key), metrics/thresholds.go (`Validate`: the metric must exist and
 * support the aggregation; the object form) and metrics/metric_type.go (aggregations by kind).
 */
import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { k6DurationMs } from './k6-values.js';

const OPERATORS = ['<=', '<', '>=', '>', '===', '==', '!='];
const METHODS = ['value', 'count', 'rate', 'avg', 'min', 'med', 'max'];
const SUPPORTED: Record<MetricKind, string[]> = {
  counter: ['count', 'rate'],
  gauge: ['value'],
  rate: ['rate'],
  trend: ['avg', 'min', 'max', 'med', 'p'],
};

/** Go's strconv.ParseFloat over what the scanner hands it (no spaces, no units). */
const GO_FLOAT = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?(inf|infinity|nan)$/i;

/** The aggregation method of an expression, or a problem as k6 words it. */
export function k6ThresholdMethod(input: string): { method: string } | { problem: string } {
  for (const op of OPERATORS) {
    const at = input.indexOf(op);
    const right = at < 0 ? '' : input.slice(at + op.length);
    if (right === '') continue;
    const left = input.slice(0, at).trim();
    const value = right.trim();
    let method: string | undefined = METHODS.includes(left) ? left : undefined;
    if (method === undefined && left.startsWith('p(') && left.endsWith(')')) {
      if (!GO_FLOAT.test(left.slice(2, -1)))
        return {
          problem: `failed parsing threshold expression's "${input}" left hand side; reason: malformed percentile value`,
        };
      method = 'p';
    }
    if (method === undefined)
      return {
        problem: `failed parsing threshold expression's "${input}" left hand side; reason: failed parsing method from expression`,
      };
    if (!GO_FLOAT.test(value))
      return { problem: `failed parsing threshold expresion's "${input}" right hand side` };
    return { method };
  }
  return {
    problem: `failed parsing threshold expression "${input}"; reason: malformed threshold expression`,
  };
}

/** `ParseMetricName`: the base name, or a problem. */
export function k6MetricOfKey(key: string): { metric: string } | { problem: string } {
  const open = key.indexOf('{');
  const close = key.lastIndexOf('}');
  if (open < 0 && close < 0) return { metric: key };
  if (open < 0 || close < 0)
    return { problem: `metric "${key}" has unmatched opening/close curly brace` };
  if (close < open)
    return { problem: `metric "${key}" closing curly brace appears before opening one` };
  if (close !== key.length - 1)
    return { problem: `metric "${key}" lacks a closing curly brace in its last position` };
  for (const tag of key.slice(open + 1, close).split(',')) {
    const colon = tag.indexOf(':');
    if (colon < 0 || tag.slice(colon + 1) === '')
      return { problem: `metric "${tag}" tag expression is malformed` };
  }
  return { metric: key.slice(0, open) };
}

/** Problems k6 would report for `options.thresholds`, given the metrics registered at init. */
export function k6ThresholdProblems(
  thresholds: unknown,
  metrics: ReadonlyMap<string, MetricKind>,
): string[] {
  if (thresholds === undefined) return [];
  if (thresholds === null || typeof thresholds !== 'object') return ['thresholds: not an object'];
  const problems: string[] = [];
  for (const [key, list] of Object.entries(thresholds)) {
    const parsed = k6MetricOfKey(key);
    if ('problem' in parsed) {
      problems.push(
        `thresholds: unable to validate threshold expressions; reason: ${parsed.problem}`,
      );
      continue;
    }
    const kind = metrics.get(parsed.metric);
    if (kind === undefined) {
      problems.push(`invalid threshold defined on ${key}; reason: no metric name "${key}" found`);
      continue;
    }
    if (!Array.isArray(list)) {
      problems.push(`thresholds[${key}]: not a list`);
      continue;
    }
    for (const item of list as unknown[]) {
      let source: unknown = item;
      if (item !== null && typeof item === 'object') {
        const o = item as Record<string, unknown>;
        source = o['threshold'];
        if (o['abortOnFail'] !== undefined && typeof o['abortOnFail'] !== 'boolean')
          problems.push(`thresholds[${key}]: abortOnFail must be a boolean`);
        if (o['delayAbortEval'] !== undefined && k6DurationMs(o['delayAbortEval']) === undefined)
          problems.push(
            `thresholds[${key}]: '${String(o['delayAbortEval'])}' is not a valid duration value`,
          );
      }
      if (typeof source !== 'string') {
        problems.push(
          `thresholds[${key}]: ${JSON.stringify(item)} is neither a string nor {threshold}`,
        );
        continue;
      }
      const m = k6ThresholdMethod(source);
      if ('problem' in m) problems.push(`thresholds[${key}]: ${m.problem}`);
      else if (!SUPPORTED[kind].includes(m.method))
        problems.push(
          `invalid threshold "${source}" applied on metric ${key}; reason: unsupported aggregation method ${m.method} on metric of type ${kind}. supported aggregation methods for this metric are: ${SUPPORTED[kind].join(', ')}`,
        );
    }
  }
  return problems;
}
