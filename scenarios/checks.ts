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

export const header =
  (name: string, expected: string | RegExp) =>
  (r: HttpResponse): boolean => {
    const raw = r.headers[name.toLowerCase()];
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
