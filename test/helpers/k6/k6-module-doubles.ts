/**
 * Recording doubles of k6 v1.x's JavaScript modules, modelled on grafana/k6 (read at v1.3.0):
 * internal/js/modules/k6/k6.go (`check`, `sleep`), internal/js/modules/k6/metrics/metrics.go and
 * metrics/registry.go (custom metrics: init context only, the name rule, one kind per name),
 * internal/js/modules/k6/execution/execution.go (VU ids, not readable at init), and the list of
 * modules k6 has (internal/js/jsmodules.go). Test-only.
 */
import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { K6_BUILTIN_METRICS } from '../../../core/builtin-metrics.js';
import { httpDouble } from './k6-http-double.js';
import type { K6VuState, K6World } from './k6-world.js';

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{1,128}$/;

/** Modules k6 v1.x resolves (internal/js/jsmodules.go); the doubled ones are below. */
export const K6_MODULES = new Set([
  'k6',
  'k6/browser',
  'k6/crypto',
  'k6/crypto/x509',
  'k6/data',
  'k6/encoding',
  'k6/execution',
  'k6/html',
  'k6/http',
  'k6/net/grpc',
  'k6/metrics',
  'k6/secrets',
  'k6/timers',
  'k6/ws',
  'k6/experimental/csv',
  'k6/experimental/fs',
  'k6/experimental/redis',
  'k6/experimental/streams',
  'k6/experimental/websockets',
]);

function tagsOf(tags: unknown, what: string): Record<string, string> {
  if (tags === undefined || tags === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new Error(`cannot add tags for ${what}: ${k} is not a string`);
    out[k] = v;
  }
  return out;
}

function metricClass(world: K6World, vu: K6VuState, kind: MetricKind) {
  return class {
    readonly name: string;
    constructor(name: string, isTime = false) {
      if (vu.phase !== 'init') throw new Error('metrics must be declared in the init context');
      if (!METRIC_NAME.test(name))
        throw new Error(
          `Invalid metric name: '${name}'. Metric names must only include up to 128 ASCII letters, numbers, or underscores and start with a letter or an underscore.`,
        );
      // Built-in trends hold times, data_* counters bytes (metrics/builtin.go): same kind and unit.
      const builtin = K6_BUILTIN_METRICS[name];
      const seen =
        world.metrics.get(name) ??
        (builtin ? { kind: builtin, isTime: builtin === 'trend' } : undefined);
      if (seen && seen.kind === kind && kind === 'trend' && seen.isTime !== isTime)
        throw new Error(
          `metric '${name}' already exists but with a value type ${seen.isTime ? 'time' : 'default'}, instead of ${isTime ? 'time' : 'default'}`,
        );
      if (seen && seen.kind !== kind)
        throw new Error(
          `metric '${name}' already exists but with type ${seen.kind}, instead of ${kind}`,
        );
      if (!world.metrics.has(name)) world.metrics.set(name, { kind, isTime });
      this.name = name;
    }
    add(value: unknown, tags?: unknown): boolean {
      if (vu.phase === 'init')
        throw new Error('Adding to metrics in the init context is not supported');
      if (typeof value !== 'number' && typeof value !== 'boolean')
        throw new Error(`'${String(value)}' is an invalid value for metric '${this.name}'`);
      world.record({ fn: 'metric', kind, name: this.name, value, tags });
      world.emit({
        metric: this.name,
        kind,
        value: Number(value),
        tags: { ...vu.tags, ...tagsOf(tags, this.name) },
      });
      return true;
    }
  };
}

/** The modules one VU imports: `import http from 'k6/http'` gets `modules['k6/http'].default`. */
export function k6ModuleDoubles(
  world: K6World,
  vu: K6VuState,
): Record<string, Record<string, unknown>> {
  const notInInit = (what: string): void => {
    if (vu.phase === 'init')
      throw new Error(`getting ${what} in the init context is not supported`);
  };
  const k6 = {
    check(
      value: unknown,
      checks: Record<string, (v: unknown) => unknown>,
      tags?: unknown,
    ): boolean {
      if (vu.phase === 'init') throw new Error('Using check in the init context is not supported');
      const extra = tagsOf(tags, 'check');
      world.record({ fn: 'check', names: Object.keys(checks), tags });
      let all = true;
      for (const [name, fn] of Object.entries(checks)) {
        // As in k6: an exception in a check function ends the iteration.
        const ok = Boolean(fn(value));
        world.emit({
          metric: 'checks',
          kind: 'rate',
          value: ok ? 1 : 0,
          tags: { ...vu.tags, ...extra, check: name },
        });
        all &&= ok;
      }
      return all;
    },
    sleep(seconds: number): void {
      if (typeof seconds !== 'number' || !(seconds >= 0))
        throw new Error(`sleep(${String(seconds)}): not a duration`);
      world.record({ fn: 'sleep', seconds });
    },
    group(): never {
      throw new Error('the double does not model group(): loadrig uses tags');
    },
  };
  const exec = {
    get vu() {
      notInInit('VU information');
      return {
        idInTest: vu.idInTest,
        idInInstance: vu.idInInstance,
        iterationInScenario: vu.iterationInScenario,
      };
    },
    get scenario() {
      notInInit('scenario information');
      return { name: vu.scenario };
    },
  };
  const metrics = {
    Counter: metricClass(world, vu, 'counter'),
    Trend: metricClass(world, vu, 'trend'),
    Rate: metricClass(world, vu, 'rate'),
    Gauge: metricClass(world, vu, 'gauge'),
  };
  return {
    k6: { ...k6, default: k6 },
    'k6/http': { default: httpDouble(world, vu) },
    'k6/execution': { default: exec },
    'k6/metrics': { ...metrics, default: metrics },
  };
}
