/**
 * Test-only model of the options k6 v1.x accepts from a script, written from grafana/k6 (read
 * at v1.3.0, compared with v1.8.1 and v2.2.0): lib/options.go (the option names; an unknown one
 * is ignored with a warning, internal/js/bundle.go), lib/executors.go and lib/executor/*.go
 * (scenarios), metrics/thresholds*.go (thresholds), metrics/sample.go (summaryTrendStats), and
 * the built-in metrics (metrics/builtin.go, in core/builtin-metrics.ts).
 *
 * It is a model, not k6: where it and a real k6 disagree, the real-k6 suite (K6_BINARY) decides.
 */
import type { MetricKind } from '../../../core/run-dir/run-data.js';
import { K6_BUILTIN_METRICS } from '../../../core/builtin-metrics.js';
import { k6ExecutorProblems } from './k6-executor-rules.js';
import { k6ThresholdProblems } from './k6-threshold-rules.js';
import { isK6Int } from './k6-values.js';

const OPTION_NAMES = new Set(
  (
    'paused vus duration iterations stages scenarios executionSegment executionSegmentSequence ' +
    'noSetup setupTimeout noTeardown teardownTimeout rps dns maxRedirects userAgent batch ' +
    'batchPerHost httpDebug insecureSkipTLSVerify tlsCipherSuites tlsVersion tlsAuth throw ' +
    'thresholds blacklistIPs blockHostnames hosts noConnectionReuse noVUConnectionReuse ' +
    'minIterationDuration cloud ext summaryTrendStats summaryTimeUnit systemTags tags ' +
    'metricSamplesBufferSize noCookiesReset discardResponseBodies'
  ).split(' '),
);
const BOOLEANS = ['insecureSkipTLSVerify', 'noCookiesReset', 'noConnectionReuse', 'throw'];
const TREND_STATS = new Set(['avg', 'min', 'med', 'max', 'count']);

export interface K6ScriptFacts {
  /** Custom metrics the script registered at init, with their kinds. */
  customMetrics: ReadonlyMap<string, MetricKind>;
  /** The names of the functions the script exports (k6's "callable exports"). */
  exportedFunctions: ReadonlySet<string>;
}

/** Everything k6 would refuse (or silently ignore) in `options`; empty when it accepts them. */
export function k6OptionProblems(options: unknown, facts: K6ScriptFacts): string[] {
  if (facts.exportedFunctions.size === 0) return ['no exported functions in script'];
  if (options === undefined) return [];
  if (options === null || typeof options !== 'object') return ['options: not an object'];
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(o)) {
    if (!OPTION_NAMES.has(key)) problems.push(`options.${key}: unknown option (k6 ignores it)`);
  }
  for (const key of BOOLEANS) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean')
      problems.push(`options.${key}: ${JSON.stringify(o[key])} is not a boolean`);
  }
  if (o['maxRedirects'] !== undefined && !isK6Int(o['maxRedirects']))
    problems.push(`options.maxRedirects: ${JSON.stringify(o['maxRedirects'])} is not an integer`);
  if (o['tags'] !== undefined) {
    const tags = o['tags'];
    if (
      tags === null ||
      typeof tags !== 'object' ||
      Object.values(tags).some((v) => typeof v !== 'string')
    )
      problems.push('options.tags: must map strings to strings');
  }
  for (const stat of (o['summaryTrendStats'] as unknown[] | undefined) ?? []) {
    const p = typeof stat === 'string' ? /^p\((\d+(?:\.\d+)?)\)$/.exec(stat) : null;
    const ok = TREND_STATS.has(stat as string) || (p !== null && Number(p[1]) <= 100);
    if (!ok)
      problems.push(`options.summaryTrendStats: ${JSON.stringify(stat)} is not a trend stat`);
  }
  const scenarios = o['scenarios'];
  if (scenarios !== undefined) {
    if (scenarios === null || typeof scenarios !== 'object')
      problems.push('options.scenarios: not an object');
    else
      for (const [name, e] of Object.entries(scenarios))
        problems.push(...k6ExecutorProblems(name, e, facts.exportedFunctions));
  } else if (!facts.exportedFunctions.has('default')) {
    problems.push("function 'default' not found in exports");
  }
  const metrics = new Map<string, MetricKind>(Object.entries(K6_BUILTIN_METRICS));
  for (const [name, kind] of facts.customMetrics) metrics.set(name, kind);
  problems.push(...k6ThresholdProblems(o['thresholds'], metrics));
  return problems;
}
