import { describe, expect, it } from 'vitest';
import { CounterRates } from '../../../harness/collectors/counter-rates.js';

describe('CounterRates', () => {
  it('gives rates and deltas from the second reading on, and nothing across a reset', () => {
    let nowMs = 0;
    const rates = new CounterRates(() => nowMs);
    expect(rates.next({ commits: 100 })).toEqual({ rates: {}, deltas: {} });
    nowMs = 2000;
    expect(rates.next({ commits: 160 })).toEqual({
      rates: { commits: 30 },
      deltas: { commits: 60 },
    });
    nowMs = 3000;
    expect(rates.next({ commits: 5 })).toEqual({ rates: {}, deltas: {} }); // server restarted
    nowMs = 4000;
    expect(rates.next({ commits: 15 }).rates).toEqual({ commits: 10 });
  });
});
