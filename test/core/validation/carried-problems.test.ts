import { describe, expect, it } from 'vitest';
import { LoadrigError } from '../../../core/errors.js';
import {
  invalidBuilt,
  problemsOf,
  refused,
  underPath,
} from '../../../core/validation/carried-problems.js';
import { inLoadScope, reportDeclarationIssues } from '../../../core/validation/load-scope.js';

const issues = [
  { path: 'rampUp', message: 'missing' },
  { path: 'rampup', message: 'unknown field; did you mean rampUp?' },
];

describe('a builder result that carries its problems', () => {
  const built = invalidBuilt<{ kind: string }>('ramp', issues);

  it('hands the problems to whoever asks for them', () => {
    expect(problemsOf(built)).toEqual(issues);
    expect(problemsOf({ kind: 'ramp' })).toBeUndefined();
    expect(problemsOf(undefined)).toBeUndefined();
  });

  it('fails at the first use with every problem and the builder named', () => {
    let error: unknown;
    try {
      void built.kind;
    } catch (e) {
      error = e;
    }
    expect(LoadrigError.is(error)).toBe(true);
    const e = error as LoadrigError;
    expect(e.code).toBe('E_INVALID_VALUE');
    expect(e.message).toMatch(/^ramp\(\.\.\.\) has invalid options/);
    expect(e.message).toContain('  - rampup: unknown field; did you mean rampUp?');
    expect(e.issues.map((i) => i.path)).toEqual(['ramp().rampUp', 'ramp().rampup']);
    expect(() => JSON.stringify(built)).toThrow(/ramp\(\.\.\.\) has invalid options/);
    expect(() => Object.keys(built)).toThrow(/invalid options/);
    expect(() => 'kind' in built).toThrow(/invalid options/);
  });

  it('moves problems under a path', () => {
    expect(underPath('profile', issues)[0]?.path).toBe('profile.rampUp');
    expect(underPath('profile', [{ path: '(root)', message: 'x' }])[0]?.path).toBe('profile');
  });
});

describe('declarations inside and outside a scenario load', () => {
  const fail = (list: readonly { path: string }[]): never => {
    throw new Error(`failed: ${list.map((i) => i.path).join(', ')}`);
  };

  it('fail at once on their own', () => {
    expect(() => refused('target', issues, fail)).toThrow('failed: rampUp, rampup');
    expect(() => reportDeclarationIssues(issues, () => fail(issues))).toThrow(/failed/);
  });

  it('hand their problems on while a scenario file loads', async () => {
    const { scope, outcome } = await inLoadScope(async () => {
      reportDeclarationIssues([{ path: 'csvFeeder("a.csv").mod', message: 'unknown field' }], () =>
        fail([]),
      );
      return problemsOf(refused('target', issues, fail));
    });
    expect(outcome).toEqual({ status: 'fulfilled', value: issues });
    expect(scope.issues).toEqual([{ path: 'csvFeeder("a.csv").mod', message: 'unknown field' }]);
  });

  it('ends the scope whatever the load did', async () => {
    const { outcome } = await inLoadScope(() => Promise.reject(new Error('boom')));
    expect(outcome.status).toBe('rejected');
    expect(() => refused('target', issues, fail)).toThrow(/failed/);
  });
});
