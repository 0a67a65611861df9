import type { RunAnalysis } from '../analysis/analyse.js';
import type { EndpointRow } from '../analysis/endpoints.js';
import type { MetricStats } from '../analysis/metric-stats.js';
import type { RequestErrorRow } from '../analysis/request-errors.js';
import type { SpikeRecovery } from '../analysis/spike-recovery.js';
import type { ThresholdResult } from '../analysis/thresholds/thresholds.js';
import { verdictOf, type Verdict } from '../analysis/verdict.js';
import { verdictFacts, verdictLine } from '../analysis/verdict-line.js';
import { sortFindings, type Finding } from '../model/finding.js';
import { redactText } from '../../core/run-dir/redact.js';
import type { RunData, RunStatus } from '../../core/run-dir/run-data.js';

export const SUMMARY_SCHEMA_VERSION = 1;

/**
 * summary.json, for CI and scripts. Stable: fields are only ever added within a schema
 * version; absent values are null (never missing); metrics are keyed in sorted order.
 * Units: trend figures are in the metric's own unit (ms for durations); rates are 0..1;
 * `ratePerSec` and `reqPerSec` divide by `run.durationSec`: the span of the load phases in
 * run.json (no warm-up, start-up or drain), or first to last second inclusive without phases.
 */
export interface SummaryJson {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  run: {
    id: string;
    scenario: string;
    status: RunStatus;
    startedAt: string;
    endedAt: string | null;
    durationSec: number;
  };
  /** Every threshold passed. The run can still fail for other reasons: see `verdict`. */
  passed: boolean;
  /** Status and thresholds together: what a CI job should act on. */
  verdict: Verdict;
  thresholds: {
    selector: string;
    expression: string;
    ok: boolean;
    actual: number | null;
    message: string | null;
  }[];
  metrics: Record<string, MetricStats>;
  endpoints: EndpointRow[];
  /** Red flags, most severe first (empty when no detector found anything). */
  findings: Finding[];
  /** Exceptions the flow threw, by message, most frequent first; `share` is of iterations. */
  flowErrors: { message: string; location: string | null; count: number; share: number }[];
  /**
   * Failed requests by HTTP status and transport cause, most frequent first: `status` 0 is no
   * response, `errorCode` the recorded cause (ECONNREFUSED...), `cause` its kind (`status`,
   * `refused`, `timeout`, `reset`, `dns`, `tls`, `parse`, `other`); `share` is of all requests.
   */
  requestErrors: RequestErrorRow[];
  /**
   * A spike's recovery (profile `spike()` or stages of that shape), null without one: p95 before
   * the spike, at its worst, and `recoverySec`, the seconds from the load's return to baseline
   * until p95 was within 20 % of the baseline for 3 s (null: not in the `observedSec` watched).
   */
  spikeRecovery: SpikeRecovery | null;
  /**
   * The verdict as the console, report and Markdown print it, with the findings behind it:
   * `PASSED with 1 warning`, `FAILED: 1 critical finding (--fail-on critical)`.
   */
  verdictLine: string;
  /**
   * Why the run ended in an error (`E_TARGET_UNREACHABLE`...), with the hint of what to do;
   * null when it did not. A run that stopped before any load has only this: no metrics,
   * thresholds or findings.
   */
  error: { code: string; message: string; hint: string | null } | null;
}

export function toSummaryJson(run: RunData, analysis: RunAnalysis): SummaryJson {
  const { summary } = analysis;
  const metrics: Record<string, MetricStats> = {};
  for (const name of Object.keys(summary.metrics).sort()) metrics[name] = summary.metrics[name]!;
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    run: {
      id: run.meta.id,
      scenario: redactText(run.meta.scenario.name),
      status: run.meta.status,
      startedAt: run.meta.startedAt,
      endedAt: run.meta.endedAt ?? null,
      durationSec: summary.durationSec,
    },
    passed: analysis.passed,
    verdict: verdictOf(run.meta.status, analysis.passed),
    thresholds: analysis.thresholds.map(thresholdJson),
    metrics,
    endpoints: summary.endpoints,
    findings: sortFindings(analysis.findings ?? []),
    flowErrors: (analysis.flowErrors ?? []).map((r) => ({
      message: redactText(r.message),
      location: r.location,
      count: r.count,
      share: r.share,
    })),
    requestErrors: analysis.requestErrors ?? [],
    spikeRecovery: analysis.spikeRecovery ?? null,
    verdictLine: verdictLine(verdictFacts(run, analysis)),
    error: run.meta.error
      ? {
          code: run.meta.error.code,
          message: redactText(run.meta.error.message),
          hint: run.meta.error.hint === undefined ? null : redactText(run.meta.error.hint),
        }
      : null,
  };
}

function thresholdJson(r: ThresholdResult): SummaryJson['thresholds'][number] {
  return {
    selector: r.selector,
    expression: r.expression,
    ok: r.ok,
    actual: r.actual,
    message: r.message ?? null,
  };
}
