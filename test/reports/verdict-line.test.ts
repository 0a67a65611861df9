import { describe, expect, it } from 'vitest';
import { verdictLine, type VerdictFacts } from '../../reports/analysis/verdict-line.js';
import type { FindingSeverity } from '../../reports/model/finding.js';

const findings = (...severities: FindingSeverity[]) => severities.map((severity) => ({ severity }));
const line = (facts: Partial<VerdictFacts>) =>
  verdictLine({ verdict: 'passed', failedThresholds: 0, findings: [], failOn: 'never', ...facts });

describe('verdictLine', () => {
  it('says PASSED alone only when nothing was found', () => {
    expect(line({})).toBe('PASSED');
    expect(line({ findings: findings('info') })).toBe('PASSED');
  });

  it('names the findings of a passed run: never PASSED beside a hidden critical', () => {
    expect(line({ findings: findings('warning') })).toBe('PASSED with 1 warning');
    expect(line({ findings: findings('critical', 'warning', 'warning', 'info') })).toBe(
      'PASSED with 1 critical finding and 2 warnings',
    );
    // --fail-on critical, and only warnings: the run passed with them.
    expect(line({ findings: findings('warning'), failOn: 'critical' })).toBe(
      'PASSED with 1 warning',
    );
  });

  it('gives a failed run its reasons: thresholds, findings at or above --fail-on', () => {
    expect(line({ verdict: 'failed', failedThresholds: 2 })).toBe('FAILED: 2 thresholds failed');
    expect(
      line({ verdict: 'failed', findings: findings('critical', 'warning'), failOn: 'critical' }),
    ).toBe('FAILED: 1 critical finding (--fail-on critical); 1 warning');
    expect(
      line({
        verdict: 'failed',
        failedThresholds: 1,
        findings: findings('critical', 'warning'),
        failOn: 'warning',
      }),
    ).toBe('FAILED: 1 threshold failed, 1 critical finding and 1 warning (--fail-on warning)');
    // Without --fail-on, a critical finding is not why the run failed.
    expect(line({ verdict: 'failed', failedThresholds: 1, findings: findings('critical') })).toBe(
      'FAILED: 1 threshold failed; 1 critical finding',
    );
  });

  it('keeps interrupted and errored runs as they are, with what was found', () => {
    expect(line({ verdict: 'interrupted', findings: findings('warning') })).toBe(
      'INTERRUPTED with 1 warning',
    );
    expect(line({ verdict: 'error' })).toBe('ERROR');
  });
});
