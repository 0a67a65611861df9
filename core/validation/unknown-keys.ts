import { suggestion } from './closest-name.js';

/** The message for a key nobody reads: `unknown field; did you mean preAllocatedVUs?`. */
export function unknownFieldMessage(key: string, valid: readonly string[]): string {
  return `unknown field; ${suggestion(key, valid, 'valid fields')}`;
}
