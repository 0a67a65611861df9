import { MetricKindError, ScenarioValidationError } from '../core/errors.js';
import type { MetricKind } from '../core/run-dir/run-data.js';
import { BUILTIN_METRIC_KINDS } from '../core/series/builtin-metrics.js';

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
  const length = typeof name === 'string' ? `, ${name.length} characters` : '';
  return `${JSON.stringify(name)}${length} is not a valid metric name: use 2 to 129 ASCII letters, digits and _, starting with a letter or _ (as k6 requires), e.g. 'login_duration'`;
}

/** The kind of each custom metric declared since the scenario file started loading. */
let declared = new Map<string, MetricKind>();

/** Called by the loader before it loads a scenario file: names are checked within one file. */
export function resetMetricDeclarations(): void {
  declared = new Map();
}

/**
 * One name, one kind: a trend and a counter both called "x" would feed one series with two
 * kinds of samples, so the second declaration is refused here rather than at run time.
 */
function declare(name: string, kind: MetricKind): void {
  const builtin = BUILTIN_METRIC_KINDS[name];
  if (builtin !== undefined && builtin !== kind) {
    throw new MetricKindError(
      name,
      builtin,
      kind,
      `metric "${name}" is declared as a ${kind}, but it is a built-in ${builtin} metric`,
      `rename the custom metric, e.g. '${name}_custom'; built-in metrics keep their kind (as in k6)`,
    );
  }
  const seen = declared.get(name);
  if (seen !== undefined && seen !== kind) {
    throw new MetricKindError(
      name,
      seen,
      kind,
      `metric "${name}" is declared as a ${seen} and as a ${kind}; one metric keeps one kind`,
      `give each custom metric its own name, e.g. '${name}_${kind}'`,
    );
  }
  declared.set(name, kind);
}

abstract class CustomMetric {
  constructor(
    readonly name: string,
    readonly kind: MetricKind,
  ) {
    const problem = metricNameProblem(name);
    if (problem !== undefined) {
      throw new ScenarioValidationError([
        { path: `new ${new.target.name}(${JSON.stringify(name)})`, message: problem },
      ]);
    }
    declare(name, kind);
  }
  protected record(value: number, tags?: Record<string, string>): void {
    slot[RECORDER]?.(this.name, this.kind, value, tags);
  }
}

/**
 * Custom metrics as k6's (`k6/metrics`): declare them at the top of the scenario file and add
 * samples from the flow. Each is recorded per second like the built-in ones and can carry
 * thresholds: `thresholds: { login_duration: ['p(95)<500'], logins_failed: ['count<10'] }`.
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
