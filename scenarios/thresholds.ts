import { parseDuration } from '../core/duration.js';
import { ThresholdListError, ThresholdSyntaxError } from '../core/errors.js';
import type { ThresholdSource } from '../core/run-dir/schema/run-meta.js';

/**
 * k6's threshold grammar: a metric selector (`http_req_duration{name:login}`) and one or
 * more expressions (`p(95)<300`, `avg<100`, `rate<0.01`, `count>10`).
 */
export type Aggregation =
  | { kind: 'avg' | 'min' | 'max' | 'med' | 'rate' | 'count' | 'value' }
  | { kind: 'percentile'; p: number };

export type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface ThresholdExpression {
  source: string;
  aggregation: Aggregation;
  comparator: Comparator;
  value: number;
  /** End the run as soon as this fails (k6 `abortOnFail`), checked each second. */
  abortOnFail?: boolean;
  /** No abort before this much of the run has passed (k6 `delayAbortEval`). */
  delayAbortEvalMs?: number;
  /** Evaluated over every sliding window of this length (each second), not the whole run. */
  windowMs?: number;
}

/**
 * A threshold as written: k6's string, or k6's object form (`threshold`, `abortOnFail`,
 * `delayAbortEval`) plus `window`, which k6 lacks: `{ threshold: 'p(95)<300', window: '60s' }`
 * fails when any 60 s window of the run breaks it. Stored as is in run.json.
 */
export type { ThresholdSource } from '../core/run-dir/schema/run-meta.js';

export interface MetricSelector {
  source: string;
  metric: string;
  tags: Record<string, string>;
}

export interface Threshold {
  selector: MetricSelector;
  expressions: ThresholdExpression[];
}

const SELECTOR = /^([A-Za-z_][A-Za-z0-9_]*)(?:\{([^{}]*)\})?$/;
/**
 * A number as k6 reads one (Go's strconv.ParseFloat, metrics/thresholds_parser.go): a sign,
 * `5`, `5.`, `.5`, an exponent `1e+21` (what JavaScript prints for large numbers). Go's hex
 * floats, `Inf` and `NaN` are refused: no threshold means them.
 */
const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
// k6 reads the number inside `p(...)` with no space around it, and takes `===` for `==`.
const EXPRESSION = new RegExp(
  String.raw`^(avg|min|max|med|rate|count|value|p\((${NUMBER})\))\s*(<=|>=|===|==|!=|<|>)\s*(${NUMBER})$`,
);
const EXPRESSION_HINT =
  "'<aggregation> <op> <number>' with aggregation avg|min|max|med|p(N)|rate|count|value and op <|<=|>|>=|==|!= (or k6's ===), e.g. 'p(95)<300'";

export function parseSelector(source: string, path = 'thresholds'): MetricSelector {
  const m = SELECTOR.exec(source.trim());
  if (!m) {
    throw new ThresholdSyntaxError(
      path,
      source,
      "a metric name with optional tags, e.g. 'http_req_duration{name:login}'",
    );
  }
  const tags: Record<string, string> = {};
  const tagText = m[2];
  if (tagText !== undefined) {
    for (const pair of tagText.split(',')) {
      const idx = pair.indexOf(':');
      const key = pair.slice(0, idx).trim();
      const value = pair.slice(idx + 1).trim();
      if (idx <= 0 || key === '' || value === '') {
        throw new ThresholdSyntaxError(
          path,
          source,
          "tags written as '{tag:value}' or '{tag:value,other:value}'",
        );
      }
      tags[key] = value;
    }
  }
  return { source, metric: m[1] as string, tags };
}

export function parseExpression(source: string, path = 'thresholds'): ThresholdExpression {
  const m = EXPRESSION.exec(source.trim());
  if (!m) throw new ThresholdSyntaxError(path, source, EXPRESSION_HINT);
  const [, agg, p, op, text] = m as unknown as [string, string, string | undefined, string, string];
  let aggregation: Aggregation;
  if (p !== undefined) {
    const pct = Number(p);
    if (!(pct >= 0 && pct <= 100))
      throw new ThresholdSyntaxError(path, source, 'a percentile between p(0) and p(100)');
    aggregation = { kind: 'percentile', p: pct };
  } else {
    aggregation = { kind: agg as 'avg' };
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new ThresholdSyntaxError(path, source, 'a number within ±1.8e308 on the right');
  }
  const comparator = (op === '===' ? '==' : op) as Comparator;
  return { source, aggregation, comparator, value };
}

/** Parses a scenario's `thresholds` record, collecting every problem rather than the first. */
export function parseThresholds(
  input: Record<string, ThresholdSource | ThresholdSource[]>,
): Threshold[] {
  const problems: ThresholdSyntaxError[] = [];
  const result: Threshold[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const path = `thresholds[${JSON.stringify(key)}]`;
    let selector: MetricSelector | undefined;
    try {
      selector = parseSelector(key, path);
    } catch (e) {
      problems.push(e as ThresholdSyntaxError);
    }
    const expressions: ThresholdExpression[] = [];
    const list = Array.isArray(raw) ? raw : [raw];
    list.forEach((item, i) => {
      const itemPath = Array.isArray(raw) ? `${path}[${i}]` : path;
      try {
        const expression = parseSource(item, itemPath);
        expressions.push(expression);
      } catch (e) {
        problems.push(e as ThresholdSyntaxError);
      }
    });
    if (selector) result.push({ selector, expressions });
  }
  if (problems.length > 0) throw new ThresholdListError(problems);
  return result;
}

function parseSource(item: ThresholdSource, path: string): ThresholdExpression {
  if (typeof item !== 'object' || item === null) return parseExpression(String(item), path);
  const expression = parseExpression(String(item.threshold), path);
  if (item.abortOnFail === true) expression.abortOnFail = true;
  const durations: [string, string | number | undefined, 'delayAbortEvalMs' | 'windowMs'][] = [
    ['delayAbortEval', item.delayAbortEval, 'delayAbortEvalMs'],
    ['window', item.window, 'windowMs'],
  ];
  for (const [field, value, key] of durations) {
    if (value === undefined) continue;
    const ms = durationMs(value);
    if (ms === undefined || (key === 'windowMs' && ms < 1000)) {
      throw new ThresholdSyntaxError(
        `${path}.${field}`,
        String(value),
        key === 'windowMs' ? "a duration of at least 1 s, e.g. '60s'" : "a duration, e.g. '10s'",
      );
    }
    expression[key] = ms;
  }
  return expression;
}

function durationMs(value: string | number): number | undefined {
  try {
    return parseDuration(value);
  } catch {
    return undefined;
  }
}

export function compare(actual: number, comparator: Comparator, expected: number): boolean {
  switch (comparator) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}

export { ThresholdListError, ThresholdSyntaxError };
