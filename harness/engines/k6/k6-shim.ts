/**
 * What `import ... from 'loadrig'` means inside a script bundled for k6: every value loadrig's
 * package root exports, as the same builders and pure helpers minus validation and anything
 * Node-only. Custom metrics map onto k6/metrics.
 */
import {
  Counter as K6Counter,
  Gauge as K6Gauge,
  Rate as K6Rate,
  Trend as K6Trend,
} from 'k6/metrics';
import { declareMetric } from './k6-metric-registry.js';

export {
  ramp,
  spike,
  soak,
  constantRate,
  stress,
  breakpoint,
  scenarios,
} from '../../../scenarios/profile.js';
export {
  constantVus,
  rampingVus,
  constantArrivalRate,
  rampingArrivalRate,
  perVuIterations,
  sharedIterations,
} from '../../../scenarios/executors.js';
export { fixed, uniform, normal } from '../../../scenarios/think-time.js';
export { status, bodyContains, header, hasJson } from '../../../scenarios/checks.js';
export { jsonPath } from '../../../scenarios/json-path.js';
export { weighted } from '../../../scenarios/weighted.js';
export { parseDuration, formatDuration } from '../../../core/duration.js';
export {
  FeederExhaustedError,
  ScenarioValidationError,
  TargetSpecError,
} from '../../../core/errors.js';
export { csvFeeder, jsonFeeder, Feeder } from './k6-feeders.js';

export const scenario = <T>(definition: T): T => definition;
export const target = <T>(spec: T): T => spec;
export const externalTarget = (baseUrl: string): { kind: 'external'; baseUrl: string } => ({
  kind: 'external',
  baseUrl,
});
export const postgres = <T>(spec: T): T => spec;
export const redis = <T>(spec: T): T => spec;

type Tags = Record<string, string>;
interface K6Metric {
  add(value: number | boolean, tags?: Tags): void;
}

/** k6 requires metrics to be created in the init context: scenario files declare them at the top. */
export class Trend {
  private readonly m: K6Metric;
  constructor(
    readonly name: string,
    readonly isTime = true,
  ) {
    this.m = new K6Trend(name, isTime) as K6Metric;
    declareMetric(name);
  }
  add(value: number, tags?: Tags): void {
    this.m.add(value, tags);
  }
}
export class Counter {
  private readonly m: K6Metric;
  constructor(readonly name: string) {
    this.m = new K6Counter(name) as K6Metric;
    declareMetric(name);
  }
  add(value = 1, tags?: Tags): void {
    this.m.add(value, tags);
  }
}
export class Rate {
  private readonly m: K6Metric;
  constructor(readonly name: string) {
    this.m = new K6Rate(name) as K6Metric;
    declareMetric(name);
  }
  add(value: boolean | number, tags?: Tags): void {
    this.m.add(value, tags);
  }
}
export class Gauge {
  private readonly m: K6Metric;
  constructor(readonly name: string) {
    this.m = new K6Gauge(name) as K6Metric;
    declareMetric(name);
  }
  add(value: number, tags?: Tags): void {
    this.m.add(value, tags);
  }
}
