import { LoadrigError, type ErrorIssue } from '../errors.js';
import type { z } from 'zod';
import { currentLoadScope } from './load-scope.js';
import { check, joinPath } from './zod-issues.js';

/** Shared by every copy of this module (a scenario file gets its own copy through jiti). */
const PROBLEMS = Symbol.for('loadrig.problems');

/**
 * What a builder (`ramp(...)`, `constantVus(...)`) returns when its options are wrong. Builders
 * run before `scenario()` sees their result, so instead of throwing at the first problem they
 * hand their problems on: `scenario()` reads them (problemsOf) and lists them with every other
 * field's. Anything else that touches the value fails at once with the whole list, so a builder
 * used on its own still fails clearly.
 */
export function invalidBuilt<T extends object>(builder: string, issues: readonly ErrorIssue[]): T {
  const fail = (): never => {
    throw new LoadrigError(
      'E_INVALID_VALUE',
      `${builder}(...) has invalid options, so its result cannot be used:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
      'fix the options listed above; inside scenario({...}) they are listed with every other problem',
      {
        issues: issues.map((i) => ({ path: joinPath(`${builder}()`, i.path), message: i.message })),
      },
    );
  };
  return new Proxy(Object.create(null) as T, {
    get: (_, key) => (key === PROBLEMS ? issues : fail()),
    has: (_, key) => (key === PROBLEMS ? true : fail()),
    ownKeys: fail,
    set: fail,
    getOwnPropertyDescriptor: fail,
  });
}

/** The problems a builder handed on instead of a value, or undefined for a usable value. */
export function problemsOf(value: unknown): readonly ErrorIssue[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as { [PROBLEMS]?: readonly ErrorIssue[] })[PROBLEMS];
}

/** Issues moved under `prefix` (`profile`, `scenarios.main`). */
export function underPath(prefix: string, issues: readonly ErrorIssue[]): ErrorIssue[] {
  return issues.map((i) => ({ path: joinPath(prefix, i.path), message: i.message }));
}

/**
 * A builder's body: its options checked against `schema` (unknown keys included), then `make`
 * from the parsed options, or the problems carried on (invalidBuilt) when there are any.
 */
export function buildChecked<S extends z.ZodType, T extends object>(
  builder: string,
  schema: S,
  options: unknown,
  make: (parsed: z.output<S>) => T,
): T {
  const checked = check(schema, options);
  return checked.ok ? make(checked.data) : invalidBuilt<T>(builder, checked.issues);
}

/**
 * For declarations that have always thrown at once when called on their own (`target()`,
 * `postgres()`): they still do, through `fail`; inside a scenario file being loaded they hand
 * their problems on like a profile builder, so the loader lists them with the scenario's own.
 */
export function refused<T extends object>(
  builder: string,
  issues: readonly ErrorIssue[],
  fail: (issues: readonly ErrorIssue[]) => never,
): T {
  if (currentLoadScope() === undefined) fail(issues);
  return invalidBuilt<T>(builder, issues);
}
