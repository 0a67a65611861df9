import { InvalidValueError } from '../core/errors.js';
import { suggestion } from '../core/validation/closest-name.js';
import type { RequestOptions } from './vu-context.js';

/** Every option a request takes (the compiler checks the list against RequestOptions). */
const OPTION_NAMES = [
  'headers',
  'json',
  'body',
  'tags',
  'name',
  'timeout',
  'redirects',
] as const satisfies readonly (keyof RequestOptions)[];
type Unlisted = Exclude<keyof RequestOptions, (typeof OPTION_NAMES)[number]>;
const everyOptionListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyOptionListed;

const KNOWN = new Set<string>(OPTION_NAMES);

/**
 * Refuses a request option nobody reads (`{ header: {...} }`): the request would go out
 * without it and the mistake would show only as odd results. Thrown from the flow, it is a
 * flow error, counted once per distinct message. The message names the method, not the path,
 * so one typo in a loop is one message. A plain `for...in` over a few keys: cheap on the hot path.
 */
export function checkRequestOptions(method: string, opts: object): void {
  for (const key in opts) {
    if (!KNOWN.has(key)) {
      throw new InvalidValueError(
        `vu.http ${method} request option ${key}`,
        `unknown option; ${suggestion(key, OPTION_NAMES, 'valid options')}`,
      );
    }
  }
}
