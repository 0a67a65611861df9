import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { TagContext } from '../../../harness/engines/builtin/tag-context.js';

describe('a request that got no response', () => {
  it('is recorded under status 0 and its cause, apart from answered requests', () => {
    const agg = new Aggregator();
    const route = new TagContext(agg, { scenario: 'main' }).route('/orders', 'GET');
    route.handles(200).failed.add(0);
    route.failure('ECONNREFUSED').failed.add(1);
    route.failure('ECONNREFUSED').failed.add(1);
    route.failure('E_REQUEST_TIMEOUT').failed.add(1);
    expect(route.failure('ECONNREFUSED')).toBe(route.failure('ECONNREFUSED'));
    const failed = agg.flush(1).metrics['http_req_failed'] ?? [];
    expect(failed.map((s) => [s.tags, s.kind === 'rate' && s.passes])).toEqual([
      [{ scenario: 'main', name: '/orders', method: 'GET', status: '200' }, 0],
      [
        {
          scenario: 'main',
          name: '/orders',
          method: 'GET',
          status: '0',
          error_code: 'ECONNREFUSED',
        },
        2,
      ],
      [
        {
          scenario: 'main',
          name: '/orders',
          method: 'GET',
          status: '0',
          error_code: 'E_REQUEST_TIMEOUT',
        },
        1,
      ],
    ]);
  });

  it('keeps the causes of one route bounded', () => {
    const agg = new Aggregator();
    const route = new TagContext(agg).route('/x', 'GET');
    for (let i = 0; i < 100; i++) route.failure(`E_ODD_${i}`).reqs.add(1);
    const codes = new Set(
      (agg.flush(1).metrics['http_reqs'] ?? []).map((s) => s.tags['error_code']),
    );
    expect(codes.size).toBeLessThanOrEqual(33);
    expect(codes.has('other')).toBe(true);
  });
});
