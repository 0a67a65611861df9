import type { RunData } from '../../core/run-dir/run-data.js';
import type { FindingSeverity } from '../model/finding.js';
import { failsOn, verdictOf, type FailOn, type Verdict } from './verdict.js';

/** What the verdict line needs: the verdict, the failed thresholds, the findings, --fail-on. */
export interface VerdictFacts {
  verdict: Verdict;
  failedThresholds: number;
  findings: readonly { severity: FindingSeverity }[];
  failOn: FailOn;
}

/** The facts of a run as recorded: its status, thresholds, findings and --fail-on. */
export function verdictFacts(
  run: RunData,
  analysis: {
    passed: boolean;
    thresholds: readonly { ok: boolean }[];
    findings?: readonly { severity: FindingSeverity }[];
  },
): VerdictFacts {
  return {
    verdict: verdictOf(run.meta.status, analysis.passed),
    failedThresholds: analysis.thresholds.filter((t) => !t.ok).length,
    findings: analysis.findings ?? [],
    failOn: run.meta.failOn ?? 'never',
  };
}

/**
 * The verdict with what stands behind it, in one line, the same in the console, the report
 * and Markdown: `PASSED`, `PASSED with 1 warning`, `PASSED with 1 critical finding`,
 * `FAILED: 1 threshold failed; 2 warnings`, `FAILED: 1 critical finding (--fail-on critical)`.
 * A finding that fails the run (at or above --fail-on) is named as a reason; the others are
 * listed after it, so the line never says PASSED and hides a critical finding, nor counts one
 * as a failure that did not fail the run.
 */
export function verdictLine(facts: VerdictFacts): string {
  const label = facts.verdict.toUpperCase();
  const counted = facts.findings.filter((f) => f.severity !== 'info');
  const failing =
    facts.verdict === 'failed' ? counted.filter((f) => failsOn(f.severity, facts.failOn)) : [];
  const others = counted.filter((f) => !failing.includes(f));
  const reasons: string[] = [];
  if (facts.failedThresholds > 0)
    reasons.push(`${plural(facts.failedThresholds, 'threshold')} failed`);
  if (failing.length > 0) reasons.push(`${findingCounts(failing)} (--fail-on ${facts.failOn})`);
  const rest = findingCounts(others);
  if (reasons.length === 0) return rest === '' ? label : `${label} with ${rest}`;
  return `${label}: ${reasons.join(', ')}${rest === '' ? '' : `; ${rest}`}`;
}

/** `1 critical finding and 2 warnings`; '' for none. */
export function findingCounts(findings: readonly { severity: FindingSeverity }[]): string {
  const critical = findings.filter((f) => f.severity === 'critical').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  return [
    critical > 0 ? plural(critical, 'critical finding') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
  ]
    .filter(Boolean)
    .join(' and ');
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
