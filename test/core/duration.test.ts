import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../core/duration.js';

describe('parseDuration', () => {
  it.each([
    [250, 250],
    ['500ms', 500],
    ['30s', 30_000],
    ['1.5s', 1500],
    ['2m', 120_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['42', 42],
  ])('%j is %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '10 apples', 's', '5x', '1m30', -1, Number.NaN])(
    'rejects %j and says what a duration looks like',
    (input) => {
      expect(() => parseDuration(input as string, 'profile.hold')).toThrow(
        /profile\.hold: .* is not a duration; write .*'30s'/,
      );
    },
  );

  it('refuses digits enough to overflow a double, rather than an endless duration', () => {
    expect(() => parseDuration('9'.repeat(400))).toThrow(/is not a duration/);
    expect(() => parseDuration(`${'4'.repeat(320)}s`)).toThrow(/is not a duration/);
  });

  it('formats durations compactly', () => {
    expect([999, 30_000, 90_000, 3_600_000, 5_400_000].map(formatDuration)).toEqual([
      '999ms',
      '30s',
      '1m30s',
      '1h',
      '1h30m',
    ]);
  });
});
