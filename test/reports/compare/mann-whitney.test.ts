import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  mannWhitneyU,
  smallestAttainableP,
} from '../../../reports/analysis/compare/mann-whitney.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/benchstat');

/** ns/op of each benchmark in a `go test -bench` output file. */
function benchmarks(file: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const line of readFileSync(join(FIXTURES, file), 'utf8').split('\n')) {
    const m = /^Benchmark(\S+)\s+\d+\s+([\d.]+) ns\/op/.exec(line);
    if (!m) continue;
    out.set(m[1]!, [...(out.get(m[1]!) ?? []), Number(m[2])]);
  }
  return out;
}

describe('Mann–Whitney U against benchstat (golang.org/x/perf cmd/benchstat example)', () => {
  const old = benchmarks('old.txt');
  const next = benchmarks('new.txt');

  it('Encode/format=json-48: −17.20 % (p=0.000 n=10)', () => {
    const a = old.get('Encode/format=json-48')!;
    const b = next.get('Encode/format=json-48')!;
    expect(a).toHaveLength(10);
    const r = mannWhitneyU(a, b)!;
    expect(r.method).toBe('exact');
    expect(r.p.toFixed(3)).toBe('0.000');
    expect((((median(b) - median(a)) / median(a)) * 100).toFixed(2)).toBe('-17.20');
  });

  it('Encode/format=gob-48: ~ (p=0.446 n=10), ties included in the exact distribution', () => {
    const a = old.get('Encode/format=gob-48')!;
    const b = next.get('Encode/format=gob-48')!;
    const r = mannWhitneyU(a, b)!;
    expect(r.method).toBe('exact');
    expect(r.p.toFixed(3)).toBe('0.446');
    expect(r.p).toBeGreaterThan(0.05);
  });
});

describe('exact p-values for small samples', () => {
  it('complete separation gives 0.1 at n = 3 and 0.0286 at n = 4', () => {
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6])!.p).toBeCloseTo(0.1, 10);
    expect(mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8])!.p.toFixed(4)).toBe('0.0286');
    expect(smallestAttainableP(3, 3)).toBeCloseTo(0.1, 10);
    expect(smallestAttainableP(4, 4)).toBeCloseTo(2 / 70, 10);
  });

  it('matches benchstat’s own test table, ties included', () => {
    const s1 = [2, 1, 3, 5];
    expect(mannWhitneyU(s1, [12, 11, 13, 15])).toMatchObject({
      u: 0,
      p: expect.closeTo(0.028571428571428577, 12),
    });
    expect(mannWhitneyU(s1, [0, 4, 6, 7])).toMatchObject({
      u: 5,
      p: expect.closeTo(0.48571428571428577, 12),
    });
    expect(mannWhitneyU(s1, s1)!.p).toBe(1);
    expect(mannWhitneyU(s1, [2, 2, 2, 2])).toMatchObject({
      u: 10,
      p: expect.closeTo(0.7142857142857143, 12),
    });
  });

  it('matches R’s wilcox.test: treated vs untreated, W = 25, p = 0.5054', () => {
    const treated = [323, 421, 578, 300, 256, 640, 912, 370];
    const untreated = [2388, 210, 380, 345, 1130, 260, 665, 1157];
    const r = mannWhitneyU(treated, untreated)!;
    expect(r.u).toBe(25);
    expect(r.p.toFixed(4)).toBe('0.5054');
  });

  it('is undefined when there is nothing to rank', () => {
    expect(mannWhitneyU([], [1])).toBeUndefined();
    expect(mannWhitneyU([2, 2], [2, 2, 2])).toBeUndefined();
  });
});

describe('normal approximation with tie and continuity corrections', () => {
  const x = [1, 5, 9, 24, 56, 21, 3, 7, 21, 4];

  it('matches R’s wilcox.test with ties: W = 51.5, p = 0.5966 and W = 0, p = 0.001364', () => {
    const a = mannWhitneyU(x, [12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5], { method: 'normal' })!;
    expect(a.u).toBe(51.5);
    expect(a.p.toFixed(4)).toBe('0.5966');
    const b = mannWhitneyU(x, [1233, 4356, 987, 39999, 1111, 200000], { method: 'normal' })!;
    expect(b.u).toBe(0);
    expect(b.p.toFixed(6)).toBe('0.001364');
  });

  it('is used beyond 50 values per sample (benchstat’s large-sample table, checked against R)', () => {
    const l1 = Array.from({ length: 500 }, (_, i) => i * 2);
    const l2 = Array.from({ length: 600 }, (_, i) => i * 2 - 41);
    const l3 = l2.map((v, i) => (i < 30 ? l1[i]! : v));
    const r = mannWhitneyU(l1, l2)!;
    expect(r).toMatchObject({ method: 'normal', u: 135250 });
    expect(r.p).toBeCloseTo(0.0049335360814172224, 12);
    expect(mannWhitneyU(l1, l3)!.p).toBeCloseTo(0.0038703814239617884, 12);
    expect(mannWhitneyU(l1, l1)!.p).toBe(1);
  });
});
