import { describe, expect, it } from 'vitest';
import { balancedOrder } from '../../../harness/ab/round-order.js';

describe('balanced round order', () => {
  it('interleaves A B B A A B ... with as many rounds per side', () => {
    expect(balancedOrder(3)).toEqual([
      'base',
      'candidate',
      'candidate',
      'base',
      'base',
      'candidate',
    ]);
    expect(balancedOrder(1)).toEqual(['base', 'candidate']);
  });

  it('puts both sides at the same mean position, so a linear drift cancels', () => {
    for (const n of [2, 4, 6]) {
      const order = balancedOrder(n);
      const mean = (side: string) =>
        order.reduce((acc, s, i) => acc + (s === side ? i : 0), 0) /
        order.filter((s) => s === side).length;
      expect(mean('base')).toBe(mean('candidate'));
    }
  });
});
