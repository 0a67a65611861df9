/**
 * What the k6 doubles record, shared by every VU of one run (as one k6 process is): the calls a
 * script made into k6's modules, the metric samples k6 would emit for them, and the custom
 * metrics registered at init. Test-only.
 */
import type { CookieJar } from 'tough-cookie';
import type { MetricKind } from '../../../core/run-dir/run-data.js';

export interface K6DoubleSample {
  metric: string;
  kind: MetricKind;
  value: number;
  tags: Record<string, string>;
}

export type K6DoubleCall = { fn: string } & Record<string, unknown>;

/** One VU's state, as k6 keeps it: its ids, its phase, its scenario's tags and its cookie jar. */
export interface K6VuState {
  phase: 'init' | 'iteration';
  /** `__VU` and `exec.vu.idInInstance`: 0 for the VU k6 reads options with. */
  idInInstance: number;
  idInTest: number;
  iterationInScenario: number;
  scenario: string;
  /** k6's system tags of this VU's samples (the scenario's name and tags). */
  tags: Record<string, string>;
  jar: CookieJar | undefined;
}

export interface K6WorldOptions {
  /** Send real requests (to a local test server) instead of answering from `respond`. */
  live?: boolean;
  /** The answer of a request when not live. */
  respond?: (
    method: string,
    url: string,
  ) => { status: number; headers: Record<string, string>; body: string };
  /** `options.maxRedirects` and `noCookiesReset`, as k6 applies them to every VU. */
  maxRedirects?: number;
  noCookiesReset?: boolean;
}

export class K6World {
  readonly calls: K6DoubleCall[] = [];
  readonly samples: K6DoubleSample[] = [];
  readonly metrics = new Map<string, { kind: MetricKind; isTime: boolean }>();
  readonly console: { level: string; message: string }[] = [];

  constructor(readonly options: K6WorldOptions = {}) {}

  record(call: K6DoubleCall): void {
    this.calls.push(call);
  }

  emit(sample: K6DoubleSample): void {
    this.samples.push(sample);
  }

  /** Custom metrics registered at init, by kind (for the options model). */
  customMetrics(): Map<string, MetricKind> {
    return new Map([...this.metrics].map(([name, m]) => [name, m.kind]));
  }
}
