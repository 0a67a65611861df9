import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../core/exit-codes.js';
import type { EngineResult } from '../../../harness/engines/engine.js';
import { checkWarmup } from '../../../harness/lifecycle/warmup-check.js';

const result = (iterations: number, flowErrors: Record<string, number>): EngineResult => ({
  iterations,
  interruptedIterations: 0,
  droppedIterations: 0,
  flowErrors,
  flowErrorSites: { 'no sku': { tag: 'TypeError@checkout.ts:12', location: 'checkout.ts:12' } },
  peakVus: 1,
});

describe('checkWarmup', () => {
  it('stops the run when every warm-up iteration threw, naming the message and where (exit 2)', () => {
    let error: unknown;
    try {
      checkWarmup(result(8, { 'no sku': 7, 'other thing': 1 }));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_FLOW_FAILED' });
    expect((error as Error).message).toContain('every warm-up iteration threw (8 of 8)');
    expect((error as Error).message).toContain('no sku (at checkout.ts:12), 7 time(s); 1 other');
    expect(exitCodeFor('E_FLOW_FAILED')).toBe(2);
  });

  it('lets the load start when one warm-up iteration went through, or none finished', () => {
    expect(() => checkWarmup(result(8, { 'no sku': 7 }))).not.toThrow();
    expect(() => checkWarmup(result(0, {}))).not.toThrow();
    expect(() => checkWarmup(result(5, {}))).not.toThrow();
  });
});
