import { describe, expect, it } from 'vitest';
import { LoadrigError } from '../../core/errors.js';
import { Counter, Gauge, Rate, Trend } from '../../scenarios/metrics.js';

describe('custom metric names (k6: 2 to 129 characters)', () => {
  it.each([
    ['x', '1 characters'],
    ['a'.repeat(130), '130 characters'],
    ['9lives', '6 characters'],
    ['login-time', '10 characters'],
  ])('refuses %j with its length, the rule and an example', (name, length) => {
    const error = ((): unknown => {
      try {
        new Counter(name);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(LoadrigError.is(error)).toBe(true);
    const issue = (error as LoadrigError).issues[0];
    expect(issue?.path).toBe(`new Counter(${JSON.stringify(name)})`);
    expect(issue?.message).toContain(length);
    expect(issue?.message).toMatch(/2 to 129 ASCII letters, digits and _.*'login_duration'/);
  });

  it('accepts the shortest and longest names k6 accepts', () => {
    expect(new Trend('ab').name).toBe('ab');
    expect(new Rate('_' + 'a'.repeat(128)).name).toHaveLength(129);
    expect(new Gauge('queue_depth').kind).toBe('gauge');
  });

  it('marks trends as time by default, as their values are read as milliseconds', () => {
    expect(new Trend('login_time').isTime).toBe(true);
    expect(new Trend('payload_size', false).isTime).toBe(false);
  });
});
