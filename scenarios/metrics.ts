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

let recorder: MetricRecorder | undefined;

/** Called by engines around a run; not for scenario code. */
export function setMetricRecorder(r: MetricRecorder | undefined): void {
  recorder = r;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CLASS_OF: Record<MetricKind, string> = {
  trend: 'Trend',
  counter: 'Counter',
  rate: 'Rate',
  gauge: 'Gauge',
};

/** What is wrong with declaring metric `name` of `kind`: its spelling, or a name already taken. */
function declarationIssues(name: string, kind: MetricKind): ErrorIssue[] {
  const path = `new ${CLASS_OF[kind]}(${JSON.stringify(name)})`;
  if (typeof name !== 'string' || !NAME.test(name)) {
    return [
      {
        path,
        message: "not a valid name; use letters, digits and _ (as k6), e.g. 'login_duration'",
      },
    ];
  }
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
    recorder?.(this.name, this.kind, value, tags);
  }
}

/**
 * Custom metrics as k6's (`k6/metrics`): declare them at the top of the scenario file and add
 * samples from the flow. Each is recorded per second like the built-in ones and can carry
 * thresholds: `thresholds: { login_duration: ['p(95)<500'], logins_failed: ['count<10'] }`.
 */
export class Trend extends CustomMetric {
  constructor(name: string) {
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
