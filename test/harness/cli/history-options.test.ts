import { describe, expect, it } from 'vitest';
import {
  parseChangePointFlags,
  parseHistoryFailOn,
  parseRunFilter,
  parseSince,
} from '../../../harness/cli/commands/history-options.js';

const NOW = Date.UTC(2026, 1, 1);

describe('history flags', () => {
  it('defaults to Otava’s window 30, p 0.001 and magnitude 0.05, and fails on regressions', () => {
    expect(parseChangePointFlags({})).toEqual({ windowLen: 30, maxP: 0.001, minMagnitude: 0.05 });
    expect(parseHistoryFailOn(undefined)).toBe('regression');
  });

  it('takes valid values and names the bad ones', () => {
    expect(parseChangePointFlags({ window: '10', maxP: '0.01', minMagnitude: '0' })).toEqual({
      windowLen: 10,
      maxP: 0.01,
      minMagnitude: 0,
    });
    expect(() => parseChangePointFlags({ window: '1' })).toThrow(
      /--window 1 is not a whole number/,
    );
    expect(() => parseChangePointFlags({ window: '2.5' })).toThrow(/--window/);
    expect(() => parseChangePointFlags({ maxP: '0' })).toThrow(/--max-p 0 is not a p-value/);
    expect(() => parseChangePointFlags({ minMagnitude: '-1' })).toThrow(/--min-magnitude/);
    expect(() => parseHistoryFailOn('critical')).toThrow(/regression, never/);
  });

  it('reads --since as a date, a date and time, or a number of days back', () => {
    expect(parseSince('2026-01-15', NOW)).toBe(Date.UTC(2026, 0, 15));
    expect(parseSince('2026-01-15T12:00:00Z', NOW)).toBe(Date.UTC(2026, 0, 15, 12));
    expect(parseSince('30d', NOW)).toBe(NOW - 30 * 24 * 3600 * 1000);
    expect(() => parseSince('last week', NOW)).toThrow(/--since last week is not a date/);
  });

  it('builds the run filter from --scenario, --branch and --since', () => {
    expect(parseRunFilter({ scenario: 's', branch: 'main', since: '1d' }, NOW)).toEqual({
      scenario: 's',
      branch: 'main',
      sinceMs: NOW - 24 * 3600 * 1000,
    });
    expect(parseRunFilter({}, NOW)).toEqual({});
  });
});
