import { describe, expect, it } from 'vitest';
import { header } from '../../scenarios/checks.js';
import type { HttpResponse } from '../../scenarios/vu-context.js';

const response = (headers: HttpResponse['headers']): HttpResponse => ({
  status: 200,
  headers,
  body: '',
  durationMs: 1,
  json: () => undefined as never,
});

describe('header() check', () => {
  it('finds a header whatever case the name is written or stored in', () => {
    const lower = response({ 'content-type': 'application/json' });
    const canonical = response({ 'Content-Type': 'application/json' });
    for (const r of [lower, canonical]) {
      expect(header('Content-Type', 'application/json')(r)).toBe(true);
      expect(header('content-type', /json/)(r)).toBe(true);
      expect(header('CONTENT-TYPE', 'text/plain')(r)).toBe(false);
    }
  });

  it('joins repeated headers and fails on a missing one', () => {
    const r = response({ 'set-cookie': ['a=1', 'b=2'] });
    expect(header('Set-Cookie', 'a=1, b=2')(r)).toBe(true);
    expect(header('x-missing', /.*/)(r)).toBe(false);
  });
});
