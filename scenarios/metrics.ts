import { InvalidValueError, type ErrorIssue } from '../core/errors.js';
import { builtinMetric } from '../core/builtin-metrics.js';
import type { MetricKind } from '../core/run-dir/run-data.js';
import { currentLoadScope, reportDeclarationIssues } from '../core/validation/load-scope.js';

/** Where custom metrics go; the engine running the flow sets it (absent: samples are dropped). */
export type MetricRecorder = (
  metric: string,
  kind: MetricKind,
  value: number,
  tags: Record<string, string> | undefined,
) => void;

/**
 * Kept on the global object under a registered symbol: a scenario file loaded through jiti gets
 * its own copy of this module, and its metrics must still reach the engine's recorder.
 */
const RECORDER = Symbol.for('loadrig.metricRecorder');
const slot = globalThis as { [RECORDER]?: MetricRecorder | undefined };

/** Called by engines around a run; not for scenario code. */
export function setMetricRecorder(r: MetricRecorder | undefined): void {
  slot[RECORDER] = r;
}

/** k6's rule (metrics/registry.go): a letter or `_`, then 1 to 128 letters, digits or `_`. */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{1,128}$/;

/** The problem with a custom metric's name, or undefined when k6 and loadrig accept it. */
export function metricNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && NAME.test(name)) return undefined;
  const length = typeof name === 'string' ? ` (${name.length} characters)` : '';
  return `not a valid name${length}; use 2 to 129 ASCII letters, digits and _, starting with a letter or _ (as k6), e.g. 'login_duration'`;
}

const CLASS_OF: Record<MetricKind, string> = {
  trend: 'Trend',
  counter: 'Counter',
  rate: 'Rate',
  gauge: 'Gauge',
};

/** What is wrong with declaring metric `name` of `kind`: its spelling, or a name already taken. */
function declarationIssues(name: string, kind: MetricKind): ErrorIssue[] {
  const path = `new ${CLASS_OF[kind]}(${JSON.stringify(name)})`;
  const problem = metricNameProblem(name);
  if (problem !== undefined) return [{ path, message: problem }];
  const builtin = builtinMetric(name);
  if (builtin !== undefined) {
    return [
      { path, message: `${name} is a built-in ${builtin.kind} metric; give yours another name` },
    ];
  }
  const earlier = currentLoadScope()?.metrics.get(name);
  if (earlier !== undefined && !earlier.has(kind)) {
    return [
      {
        path,
        message: `${name} is already declared as a ${[...earlier].join(', ')}; a metric has one kind`,
      },
    ];
  }
  return [];
}

abstract class CustomMetric {
  constructor(
    readonly name: string,
    readonly kind: MetricKind,
  ) {
    const issues = declarationIssues(name, kind);
    reportDeclarationIssues(issues, () => {
      const [first] = issues;
      throw new InvalidValueError(first?.path ?? 'metric', first?.message ?? 'invalid');
    });
    // Declared while the scenario file loads: the loader checks thresholds against it.
    const declared = currentLoadScope()?.metrics;
    if (declared !== undefined && issues.length === 0) {
      declared.set(name, (declared.get(name) ?? new Set<MetricKind>()).add(kind));
    }
  }
  protected record(value: number, tags?: Record<string, string>): void {
    slot[RECORDER]?.(this.name, this.kind, value, tags);
  }
}

/**
 * Custom metrics as k6's (`k6/metrics`): declare them at the top of the scenario file and add
 * samples from the flow. Each is recorded per second like the built-in ones and can carry
 * thresholds: `thresholds: { login_duration: ['p(95)<500'], logins_failed: ['count<10'] }`.
 * One name keeps one kind; two kinds under one name in a scenario file are refused when it
 * loads, and samples of a second kind at run time are counted as flow errors.
 */
export class Trend extends CustomMetric {
  /**
   * `isTime` (k6's second argument) says the values are milliseconds; loadrig's reports treat
   * every trend as milliseconds already, and the k6 export passes it on (default true).
   */
  constructor(
    name: string,
    readonly isTime = true,
  ) {
    super(name, 'trend');
  }
  add(value: number, tags?: Record<string, string>): void {
    this.record(value, tags);
  }
}

export class Counter extends CustomMetric {
  constructor(name: string) {
    super(name, 'counter');
  }
  add(value = 1, tags?: Record<string, string>): void {
    this.record(value, tags);
  }
}

/** The share of non-zero (true) samples: `rate<0.01`. */
export class Rate extends CustomMetric {
  constructor(name: string) {
    super(name, 'rate');
  }
  add(value: boolean | number, tags?: Record<string, string>): void {
    this.record(value === true || (typeof value === 'number' && value !== 0) ? 1 : 0, tags);
  }
}

/** The latest value (with min and max per second). */
export class Gauge extends CustomMetric {
  constructor(name: string) {
    super(name, 'gauge');
  }
  add(value: number, tags?: Record<string, string>): void {
    this.record(value, tags);
  }
}
