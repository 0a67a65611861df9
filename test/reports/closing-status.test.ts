import { describe, expect, it } from 'vitest';
import { closingStatus } from '../../reports/analysis/verdict.js';

const findings = (...severities: string[]) => severities.map((severity) => ({ severity }));

describe('closingStatus', () => {
  it('fails a completed run on a failed threshold, whatever --fail-on says', () => {
    expect(closingStatus('passed', { passed: false }, 'never')).toBe('failed');
  });

  it('fails on findings at or above --fail-on, and only then', () => {
    const analysis = { passed: true, findings: findings('warning', 'info') };
    expect(closingStatus('passed', analysis, 'never')).toBe('passed');
    expect(closingStatus('passed', analysis, 'critical')).toBe('passed');
    expect(closingStatus('passed', analysis, 'warning')).toBe('failed');
    expect(
      closingStatus('passed', { passed: true, findings: findings('critical') }, 'critical'),
    ).toBe('failed');
  });

  it('keeps an interrupted or errored run as it is', () => {
    expect(
      closingStatus('interrupted', { passed: false, findings: findings('critical') }, 'critical'),
    ).toBe('interrupted');
    expect(closingStatus('error', { passed: true }, 'warning')).toBe('error');
  });
});
