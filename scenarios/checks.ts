import type { HttpResponse } from './vu-context.js';
import { jsonPath } from './json-path.js';

/** Check helpers for `vu.check(res, { 'is 200': status(200), 'has token': hasJson('$.token') })`. */
export const status =
  (...expected: number[]) =>
  (r: HttpResponse): boolean =>
    expected.includes(r.status);

export const bodyContains =
  (text: string) =>
  (r: HttpResponse): boolean =>
    r.body.includes(text);

/**
 * A response header equals `expected` (or matches it). Names are compared case-insensitively:
 * both engines hand headers over lower-cased, and a hand-made response may not.
 */
export const header =
  (name: string, expected: string | RegExp) =>
  (r: HttpResponse): boolean => {
    const wanted = name.toLowerCase();
    let raw = r.headers[wanted];
    if (raw === undefined) {
      for (const [k, value] of Object.entries(r.headers))
        if (k.toLowerCase() === wanted) raw = value;
    }
    const v = Array.isArray(raw) ? raw.join(', ') : raw;
    return v !== undefined && (typeof expected === 'string' ? v === expected : expected.test(v));
  };

/** The JSON body has a value at `path` (equal to `expected` when given). */
export const hasJson =
  (path: string, expected?: unknown) =>
  (r: HttpResponse): boolean => {
    const v = jsonPath(JSON.parse(r.body), path);
    return expected === undefined
      ? v !== undefined
      : JSON.stringify(v) === JSON.stringify(expected);
  };
