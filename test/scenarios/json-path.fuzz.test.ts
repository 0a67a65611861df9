import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../../core/errors.js';
import { jsonPath, pathSteps } from '../../scenarios/json-path.js';
import { fuzz, typedOrValue } from '../helpers/fuzz.js';

/** Keys a response body may hold, with the names every JavaScript object inherits among them. */
const KEYS = [
  'id',
  'user',
  'items',
  'odd key',
  '0',
  'a.b',
  'toString',
  'constructor',
  '__proto__',
  'length',
  'valueOf',
  'x-y',
];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[^.[\]'"]{1,8}$/));
type Step = string | number;
const step: fc.Arbitrary<Step> = fc.oneof(key, fc.integer({ min: -4, max: 6 }));

/** A step as a user may write it: `.key`, `['key']`, `["key"]`, `[3]`. */
function written(s: Step, style: number): string {
  if (typeof s === 'number') return `[${s}]`;
  const dotted = /^[^.[\]\s]([^.[\]]*[^.[\]\s])?$/.test(s) && !/['"]/.test(s);
  if (dotted && style % 3 === 0) return `.${s}`;
  return style % 2 === 0 ? `['${s}']` : `["${s}"]`;
}

/** The path's meaning, plainly: own properties only (a JSON document has no others). */
function reference(value: unknown, steps: readonly Step[]): unknown {
  let current = value;
  for (const s of steps) {
    if (typeof s === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[s < 0 ? current.length + s : s];
    } else {
      if (typeof current !== 'object' || current === null || !Object.hasOwn(current, s))
        return undefined;
      current = (current as Record<string, unknown>)[s];
    }
  }
  return current;
}

/** JSON documents built from the same keys, so paths often lead somewhere. */
const document = fc.letrec<{ doc: unknown }>((tie) => ({
  doc: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.array(tie('doc'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.constantFrom(...KEYS), tie('doc')), { maxLength: 4 })
      .map((entries) =>
        JSON.parse(JSON.stringify(Object.fromEntries(entries.filter(([k]) => k !== '__proto__')))),
      ),
    fc.tuple(tie('doc')).map(([d]) => JSON.parse(`{"__proto__": ${JSON.stringify(d) ?? 'null'}}`)),
  ),
})).doc;

describe('the JSONPath subset under generated input', () => {
  it('reads back every path it can print, in any spelling', () => {
    fuzz(
      'json path round trip',
      [fc.array(fc.tuple(step, fc.nat()), { maxLength: 6 }), fc.boolean()],
      (steps, dollar) => {
        let text = steps.map(([s, style]) => written(s, style)).join('');
        const first = steps[0];
        // `$` may be left out; then a leading `.key` may lose its dot too.
        if (dollar) text = `$${text}`;
        else if (
          text.startsWith('.') &&
          typeof first?.[0] === 'string' &&
          !first[0].startsWith('$')
        )
          text = text.slice(1);
        expect(pathSteps(text)).toEqual(steps.map(([s]) => s));
      },
      { numRuns: 500 },
    );
  });

  it('finds what the document holds, and nothing it inherits', () => {
    fuzz(
      'json path against own properties',
      [document, fc.array(step, { maxLength: 4 })],
      (doc, steps) => {
        const path = `$${steps.map((s, i) => written(s, i)).join('')}`;
        expect(jsonPath(doc, path)).toEqual(reference(doc, steps));
      },
      { numRuns: 1000 },
    );
  });

  it('refuses any other path with a typed error', () => {
    fuzz(
      'json path from anything',
      [
        fc.oneof(
          fc.string(),
          fc
            .array(fc.constantFrom('$', '.', '[', ']', "'", '"', '-', '1', 'a', ' '), {
              maxLength: 10,
            })
            .map((t) => t.join('')),
        ),
      ],
      (path) => {
        const out = typedOrValue(() => jsonPath({ a: [1] }, path));
        if (out instanceof Error) expect(out).toBeInstanceOf(InvalidValueError);
      },
      { numRuns: 1000 },
    );
  });
});
