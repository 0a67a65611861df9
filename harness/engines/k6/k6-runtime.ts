/**
 * Runs inside k6 (bundled into the exported script): maps loadrig's VU context onto k6's
 * modules. It may use only standard JavaScript, loadrig's pure helpers, and what k6 passes in:
 * no Node.js global (`process`, `Buffer`, `TextDecoder`...) exists there.
 */
import { parseDuration } from '../../../core/duration.js';
import { drawThinkTimeMs, type ThinkTime } from '../../../scenarios/think-time.js';
import type { Checks, Flow, VuContext } from '../../../scenarios/vu-context.js';
import { declareMetric, isKnownMetric } from './k6-metric-registry.js';
import { k6Http, type K6HttpModule } from './k6-vu-http.js';

interface K6MetricCtor {
  new (name: string, isTime?: boolean): { add(value: number, tags?: Record<string, string>): void };
}

/** The parts of k6's modules the runtime uses, passed in so tests can substitute recorders. */
export interface K6Modules {
  http: K6HttpModule;
  check(
    value: unknown,
    checks: Record<string, (v: unknown) => boolean>,
    tags?: Record<string, string>,
  ): boolean;
  sleep(seconds: number): void;
  /** `k6/execution`: run-wide VU ids (`idInTest`), unlike `__VU`, which repeats per instance. */
  exec: { vu: { idInTest: number; iterationInScenario: number } };
  Counter: K6MetricCtor;
  Trend: K6MetricCtor;
  /** `__ENV`, read when an iteration starts. */
  env(): Record<string, string | undefined>;
}

/** Scenario settings k6 has no option for, applied by the runtime to every request. */
export interface K6RuntimeSettings {
  httpTimeoutMs: number;
}

type ThresholdList = unknown[];

export interface K6Runtime {
  /** `options` with thresholds on metrics k6 would not know left out (loadrig judges those). */
  options<T extends { thresholds?: Record<string, ThresholdList> }>(options: T): T;
  /** One iteration of `flow`; an exception is counted in `flow_errors`, as the built-in engine does. */
  iterate(flow: Flow): Promise<void>;
}

const metricOf = (selector: string): string => selector.split('{')[0]?.trim() ?? selector;

/** Created in k6's init context (metrics can only be declared there). */
export function k6Runtime(k6: K6Modules, settings: K6RuntimeSettings): K6Runtime {
  const flowErrors = new k6.Counter('flow_errors');
  declareMetric('flow_errors');
  const groupDuration = new k6.Trend('group_duration', true);
  const reported = new Set<string>();
  // flow_errors exists in every run (one zero per VU), as on the built-in engine, so
  // `flow_errors: ['count==0']` has a figure to judge and both engines record the same series.
  let zeroAdded = false;
  return {
    options(options) {
      if (!options.thresholds) return options;
      const thresholds = Object.fromEntries(
        Object.entries(options.thresholds).filter(([selector]) =>
          isKnownMetric(metricOf(selector)),
        ),
      );
      return { ...options, thresholds };
    },
    async iterate(flow) {
      if (!zeroAdded) {
        zeroAdded = true;
        flowErrors.add(0);
      }
      try {
        await flow(createVu(k6, settings, groupDuration));
      } catch (e) {
        flowErrors.add(1);
        const message = e instanceof Error ? e.message : String(e);
        // k6 logs each line: say it once per VU and message, as loadrig prints the first one.
        if (!reported.has(message)) {
          reported.add(message);
          console.error(`the flow threw: ${message} (counted in flow_errors)`);
        }
      }
    },
  };
}

function createVu(
  k6: K6Modules,
  settings: K6RuntimeSettings,
  groupDuration: { add(value: number, tags?: Record<string, string>): void },
): VuContext {
  const env = k6.env();
  const id = k6.exec.vu.idInTest;
  // k6's own group() cannot wrap async functions, so groups are tags, named as k6 names them.
  const groups: string[] = [];
  const groupTags = (): Record<string, string> =>
    groups.length > 0 ? { group: `::${groups.join('::')}` } : {};
  return {
    id,
    iteration: k6.exec.vu.iterationInScenario,
    env,
    http: k6Http(k6.http, {
      id,
      baseUrl: env['BASE_URL'] ?? '',
      timeoutMs: settings.httpTimeoutMs,
      groupTags,
    }),
    check<T>(value: T, checks: Checks<T>, tags?: Record<string, string>): boolean {
      const merged = { ...groupTags(), ...(tags ?? {}) };
      // A check that throws fails, as on the built-in engine (k6 would end the iteration).
      const safe: Record<string, (v: unknown) => boolean> = {};
      for (const [name, fn] of Object.entries(checks)) {
        safe[name] = (v) => {
          try {
            return fn(v as T) === true;
          } catch {
            return false;
          }
        };
      }
      return k6.check(value, safe, Object.keys(merged).length > 0 ? merged : undefined);
    },
    async sleep(duration: number | string | ThinkTime): Promise<void> {
      const ms =
        typeof duration === 'number'
          ? duration * 1000
          : typeof duration === 'string'
            ? parseDuration(duration, 'vu.sleep')
            : drawThinkTimeMs(duration);
      k6.sleep(ms / 1000);
    },
    async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
      groups.push(name);
      const tags = groupTags();
      const start = Date.now();
      try {
        return await fn();
      } finally {
        groups.pop();
        groupDuration.add(Date.now() - start, tags);
      }
    },
  };
}
