import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurationSyntaxError, formatDuration, parseDuration } from '../../core/duration.js';
import { fuzz, typedOrValue } from '../helpers/fuzz.js';

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
type Unit = keyof typeof UNIT_MS;

/** A number as a user writes one: `90`, `1.5`, `007`. */
const amount = fc.oneof(
  fc.nat({ max: 100_000 }).map((n) => ({ text: String(n), value: n })),
  fc
    .tuple(fc.nat({ max: 999 }), fc.stringMatching(/^\d{1,3}$/))
    .map(([i, f]) => ({ text: `${i}.${f}`, value: Number(`${i}.${f}`) })),
  fc.nat({ max: 99 }).map((n) => ({ text: `00${n}`, value: n })),
);

describe('parseDuration under generated input', () => {
  it('adds up any sequence of amounts with units', () => {
    fuzz(
      'duration parts',
      [
        fc.array(fc.tuple(amount, fc.constantFrom<Unit>('h', 'm', 's', 'ms')), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.constantFrom('', ' ', '\t'),
      ],
      (parts, pad) => {
        const text = pad + parts.map(([a, u]) => a.text + u).join('') + pad;
        const expected = parts.reduce((sum, [a, u]) => sum + a.value * UNIT_MS[u], 0);
        expect(parseDuration(text)).toBeCloseTo(expected, 6);
      },
      { numRuns: 500 },
    );
  });

  it('reads back what formatDuration prints, to its rounding', () => {
    fuzz(
      'format then parse',
      [fc.double({ min: 0, max: 1e12, noNaN: true })],
      (ms) => {
        const back = parseDuration(formatDuration(ms));
        expect(Math.abs(back - ms)).toBeLessThanOrEqual(ms < 1000 ? 0.5 : 500);
      },
      { numRuns: 500 },
    );
  });

  it('gives a finite, non-negative duration or a DurationSyntaxError for anything', () => {
    const text = fc.oneof(
      fc.string(),
      fc
        .array(
          fc.constantFrom('1', '9', '.', 'e', 'h', 'm', 's', 'ms', ' ', '-', '+', 'Infinity'),
          {
            maxLength: 12,
          },
        )
        .map((t) => t.join('')),
      fc.stringMatching(/^\d{300,400}(ms|s|m|h)?$/),
    );
    fuzz(
      'duration from anything',
      [fc.oneof(text, fc.double(), fc.anything())],
      (input) => {
        const out = typedOrValue(() => parseDuration(input as string, 'profile.hold'));
        if (out instanceof Error) expect(out).toBeInstanceOf(DurationSyntaxError);
        else {
          expect(Number.isFinite(out)).toBe(true);
          expect(out).toBeGreaterThanOrEqual(0);
        }
      },
      { numRuns: 1000 },
    );
  });
});
