import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseExpression,
  parseSelector,
  parseThresholds,
  type Aggregation,
} from '../../scenarios/thresholds.js';
import { aggregationLabel } from '../../reports/analysis/thresholds/judge.js';
import { fuzz, typedOrValue } from '../helpers/fuzz.js';

const OPERATORS = ['<', '<=', '>', '>=', '==', '!=', '==='] as const;
const KINDS = ['avg', 'min', 'max', 'med', 'rate', 'count', 'value'] as const;

const aggregation: fc.Arbitrary<Aggregation> = fc.oneof(
  fc.constantFrom(...KINDS).map((kind) => ({ kind })),
  fc
    .oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }))
    .map((p) => ({ kind: 'percentile' as const, p })),
);
const space = fc.constantFrom('', ' ', '  ', '\t');

/**
 * k6's own rule for an expression (metrics/thresholds_parser.go), written as plainly as the Go:
 * split at the first operator token in k6's order, trim both sides, match the method, read both
 * numbers as strconv.ParseFloat does (decimal forms; loadrig refuses hex floats, Inf and NaN).
 */
function k6Expression(input: string): { agg: Aggregation; op: string; value: number } | undefined {
  const GO_FLOAT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
  for (const op of ['<=', '<', '>=', '>', '===', '==', '!=']) {
    const at = input.indexOf(op);
    if (at < 0) continue;
    const method = input.slice(0, at).trim();
    const right = input.slice(at + op.length).trim();
    if (!GO_FLOAT.test(right) || !Number.isFinite(Number(right))) return undefined;
    let agg: Aggregation;
    if ((KINDS as readonly string[]).includes(method)) agg = { kind: method as 'avg' };
    else if (
      method.startsWith('p(') &&
      method.endsWith(')') &&
      GO_FLOAT.test(method.slice(2, -1))
    ) {
      const p = Number(method.slice(2, -1));
      if (!(p >= 0 && p <= 100)) return undefined; // loadrig's own range check
      agg = { kind: 'percentile', p };
    } else return undefined;
    return { agg, op: op === '===' ? '==' : op, value: Number(right) };
  }
  return undefined;
}

/** Fragments of threshold text, glued in any order. */
const FRAGMENTS = [
  'p(',
  ')',
  '95',
  '99.9',
  '.5',
  '5.',
  '1e+21',
  '1E5',
  '-',
  '+',
  'e',
  'avg',
  'rate',
  'count',
  'value',
  'med',
  '<',
  '>',
  '=',
  '!',
  ' ',
  '\t',
  '0x1p-2',
  'Inf',
  'NaN',
  '1e400',
];

describe('the threshold grammar under generated input', () => {
  it('reads back every expression it can print, numbers as JavaScript prints them', () => {
    fuzz(
      'threshold expression round trip',
      [
        aggregation,
        fc.constantFrom(...OPERATORS),
        fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => v + 0), // String(-0) is "0"
        space,
        space,
        space,
      ],
      (agg, op, value, s1, s2, s3) => {
        const source = `${s1}${aggregationLabel(agg)}${s2}${op}${s3}${String(value)}`;
        expect(parseExpression(source)).toEqual({
          source,
          aggregation: agg,
          comparator: op === '===' ? '==' : op,
          value,
        });
      },
      { numRuns: 500 },
    );
  });

  it("accepts and reads exactly what k6's threshold parser accepts", () => {
    fuzz(
      'threshold expression against the k6 rule',
      [fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((f) => f.join(''))],
      (source) => {
        const mine = typedOrValue(() => parseExpression(source));
        const k6 = k6Expression(source);
        if (k6 === undefined) expect(mine).toBeInstanceOf(Error);
        else
          expect(mine).toMatchObject({ aggregation: k6.agg, comparator: k6.op, value: k6.value });
      },
      { numRuns: 2000 },
    );
  });

  it('reads back every selector it can print', () => {
    const tagValue = fc.stringMatching(/^[^\s{},]([^{},]{0,12}[^\s{},])?$/);
    fuzz(
      'selector round trip',
      [
        fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/),
        fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), tagValue, {
          maxKeys: 4,
          noNullPrototype: true,
        }),
        space,
      ],
      (metric, tags, s) => {
        const keys = Object.keys(tags);
        const source =
          keys.length === 0
            ? metric
            : `${metric}{${keys.map((k) => `${s}${k}${s}:${s}${tags[k]}${s}`).join(',')}}`;
        expect(parseSelector(source)).toEqual({ source, metric, tags });
      },
      { numRuns: 500 },
    );
  });

  it('refuses any other input with a typed error, never a crash', () => {
    const source = fc.oneof(fc.string(), fc.anything(), fc.object());
    fuzz(
      'thresholds record from anything',
      [
        fc.dictionary(
          fc.string(),
          fc.oneof(
            source,
            fc.array(source),
            fc.record({
              threshold: source,
              window: source,
              delayAbortEval: source,
              abortOnFail: fc.anything(),
            }),
          ),
        ),
      ],
      (input) => {
        typedOrValue(() => parseThresholds(input as never));
      },
      { numRuns: 500 },
    );
  });
});
