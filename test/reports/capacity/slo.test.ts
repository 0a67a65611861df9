import { describe, expect, it } from 'vitest';
import { meetsSlo, parseSlo } from '../../../reports/analysis/capacity/slo.js';

describe('parseSlo', () => {
  it('reads the threshold grammar, on http_req_duration unless a selector comes first', () => {
    expect(parseSlo('p(99)<300')).toMatchObject({
      selector: { metric: 'http_req_duration', tags: {} },
      statistic: { kind: 'percentile', p: 99 },
      comparator: '<',
      limit: 300,
      maxErrorRate: 0.01,
    });
    expect(parseSlo('http_req_duration{name:pay} p(95) <= 800', 0.05)).toMatchObject({
      selector: { metric: 'http_req_duration', tags: { name: 'pay' } },
      statistic: { kind: 'percentile', p: 95 },
      comparator: '<=',
      limit: 800,
      maxErrorRate: 0.05,
    });
    expect(parseSlo('med<50').statistic).toEqual({ kind: 'percentile', p: 50 });
    expect(parseSlo('avg<50').statistic).toEqual({ kind: 'avg' });
  });

  it('refuses what is not an upper bound on latency, naming the flag', () => {
    expect(() => parseSlo('p(99)>300')).toThrow(/--slo.*upper bound/);
    expect(() => parseSlo('rate<0.01')).toThrow(/--slo/);
    expect(() => parseSlo('p99<300')).toThrow(/--slo/);
    expect(() => parseSlo('p(99)<300', 2)).toThrow(/--max-error-rate/);
  });

  it('a step meets the SLO only with its errors under the limit too', () => {
    const slo = parseSlo('p(99)<300');
    expect(meetsSlo(slo, 299, 0)).toBe(true);
    expect(meetsSlo(slo, 300, 0)).toBe(false);
    expect(meetsSlo(slo, 10, 0.02)).toBe(false);
    expect(meetsSlo(slo, NaN, 0)).toBe(false);
  });
});
