import { assertNever } from '../../core/assert-never.js';
import type { RunStatus } from '../../core/run-dir/run-data.js';

export type Verdict = 'passed' | 'failed' | 'interrupted' | 'error';

/**
 * The run's overall outcome. An error or interruption outranks the thresholds (their figures
 * cover only part of the run); a run still marked `running` was never closed, so it counts as
 * interrupted. A `failed` status stays failed even when every threshold passes: the harness
 * may have failed it for other reasons (red flags).
 */
export function verdictOf(status: RunStatus, thresholdsPassed: boolean): Verdict {
  switch (status) {
    case 'error':
      return 'error';
    case 'interrupted':
    case 'aborted':
    case 'running':
      return 'interrupted';
    case 'failed':
      return 'failed';
    case 'passed':
      return thresholdsPassed ? 'passed' : 'failed';
    default:
      return assertNever(status);
  }
}

/** Which findings fail a run (`--fail-on`): thresholds always do. */
export type FailOn = 'critical' | 'warning' | 'never';
export const FAIL_ON_VALUES: readonly FailOn[] = ['critical', 'warning', 'never'];

/** Whether a finding of this severity fails a run under `--fail-on` (info never does). */
export function failsOn(severity: string, failOn: FailOn): boolean {
  switch (failOn) {
    case 'never':
      return false;
    case 'critical':
      return severity === 'critical';
    case 'warning':
      return severity === 'critical' || severity === 'warning';
    default:
      return assertNever(failOn);
  }
}

/**
 * The status a finished run closes with: a completed run fails when a threshold failed, or when
 * a finding is at least as severe as `failOn` (CI soaks use `critical`: red flags fail the job).
 */
export function closingStatus(
  status: RunStatus,
  analysis: { passed: boolean; findings?: readonly { severity: string }[] },
  failOn: FailOn = 'never',
): RunStatus {
  if (status !== 'passed') return status;
  if (!analysis.passed) return 'failed';
  return (analysis.findings ?? []).some((f) => failsOn(f.severity, failOn)) ? 'failed' : 'passed';
}
