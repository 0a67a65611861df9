import type { ErrorIssue } from '../errors.js';
import { suggestion } from './closest-name.js';

/** The message for a key nobody reads: `unknown field; did you mean preAllocatedVUs?`. */
export function unknownFieldMessage(key: string, valid: readonly string[]): string {
  return `unknown field; ${suggestion(key, valid, 'valid fields')}`;
}

/** One issue per key of `value` that is not among `valid`, at `path.key`. */
export function unknownKeyIssues(
  value: object,
  valid: readonly string[],
  path: string,
): ErrorIssue[] {
  return Object.keys(value)
    .filter((key) => !valid.includes(key))
    .map((key) => ({
      path: path === '' ? key : `${path}.${key}`,
      message: unknownFieldMessage(key, valid),
    }));
}
