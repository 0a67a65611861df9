import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { durationSchema } from '../../../core/validation/duration-schema.js';
import { strictObject } from '../../../core/validation/strict-object.js';
import { check, formatPath } from '../../../core/validation/zod-issues.js';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const checked = check(schema, input);
  return checked.ok ? [] : checked.issues;
};

describe('strictObject', () => {
  const schema = strictObject({ rate: z.number().positive(), duration: durationSchema() });

  it('names each unknown key at its own path, with the nearest valid name', () => {
    expect(issuesOf(schema, { rate: 1, duration: '1s', durration: '2s', zzz: 1 })).toEqual([
      { path: 'durration', message: 'unknown field; did you mean duration?' },
      { path: 'zzz', message: 'unknown field; valid fields: rate, duration' },
    ]);
  });

  it('reports unknown keys together with every other problem of the object', () => {
    expect(issuesOf(schema, { rate: -1, durations: '1s' })).toEqual([
      { path: 'rate', message: 'Too small: expected number to be >0' },
      { path: 'duration', message: "missing; expected a duration such as '30s'" },
      { path: 'durations', message: 'unknown field; did you mean duration?' },
    ]);
  });

  it('keeps the parsed values (durations in ms) and drops nothing valid', () => {
    expect(check(schema, { rate: 5, duration: '1m30s' })).toEqual({
      ok: true,
      data: { rate: 5, duration: 90_000 },
    });
  });

  it('nests: paths run through objects and arrays', () => {
    const outer = strictObject({ stages: z.array(strictObject({ target: z.number() })) });
    expect(issuesOf(outer, { stages: [{ target: 1 }, { target: 2, traget: 3 }] })).toEqual([
      { path: 'stages.1.traget', message: 'unknown field; did you mean target?' },
    ]);
  });
});

describe('union issues', () => {
  const source = z.union([
    z.string(),
    strictObject({ threshold: z.string(), window: z.string().optional() }),
  ]);
  const field = strictObject({ t: z.union([source, z.array(source)]) });

  it('reports the branch the value fits by type: a typo in the object form, not "expected string"', () => {
    expect(issuesOf(field, { t: [{ threshold: 'p(95)<1', windw: '1m' }] })).toEqual([
      { path: 't.0.windw', message: 'unknown field; did you mean window?' },
    ]);
  });

  it('lists the accepted types when the value fits none', () => {
    expect(issuesOf(field, { t: 5 })).toEqual([
      { path: 't', message: 'expected string or object or array' },
    ]);
  });

  it('says "missing" for an absent required union', () => {
    expect(issuesOf(field, {})).toEqual([{ path: 't', message: 'missing' }]);
  });
});

describe('formatPath', () => {
  it.each([
    [[], '(root)'],
    [['profile', 'stages', 0, 'vus'], 'profile.stages.0.vus'],
    [
      ['thresholds', 'http_req_duration{name:a}', 0, 'window'],
      'thresholds["http_req_duration{name:a}"][0].window',
    ],
    [['thresholds', 'checks'], 'thresholds["checks"]'],
  ])('%j → %s', (segments, expected) => {
    expect(formatPath(segments)).toBe(expected);
  });
});
