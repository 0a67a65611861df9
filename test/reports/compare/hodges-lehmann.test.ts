import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../reports/analysis/compare/hodges-lehmann.js';

describe('Hodges–Lehmann shift and interval', () => {
  it('matches R’s wilcox.test(treated, untreated, conf.int = TRUE): −83.5 in [−807, 198]', () => {
    const treated = [323, 421, 578, 300, 256, 640, 912, 370];
    const untreated = [2388, 210, 380, 345, 1130, 260, 665, 1157];
    const r = hodgesLehmann(untreated, treated, 0.05)!;
    expect(r.shift).toBe(-83.5);
    expect([r.low, r.high]).toEqual([-807, 198]);
    expect(r.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('says how little confidence 3 + 3 samples allow: the full range covers 90 %', () => {
    const r = hodgesLehmann([10, 11, 12], [20, 21, 22], 0.05)!;
    expect(r.shift).toBe(10);
    expect([r.low, r.high]).toEqual([8, 12]);
    expect(r.confidence).toBeCloseTo(0.9, 10);
  });

  it('narrows as samples grow and keeps the shift inside', () => {
    const base = Array.from({ length: 30 }, (_, i) => 100 + ((i * 7) % 11));
    const cand = base.map((v) => v + 5);
    const r = hodgesLehmann(base, cand, 0.05)!;
    expect(r.shift).toBe(5);
    expect(r.low).toBeLessThanOrEqual(5);
    expect(r.high).toBeGreaterThanOrEqual(5);
    expect(r.high - r.low).toBeLessThan(6);
  });
});
