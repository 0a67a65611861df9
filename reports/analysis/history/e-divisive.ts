import { shiftAt, spans, type ChangePoint } from './change-point.js';
import { QhatCalculator, type Candidate } from './qhat.js';

/**
 * E-divisive means (Matteson and James 2014) with Student's t-test in place of the permutation
 * test, as in Otava: split at the strongest candidate of any span, keep splitting while the
 * t-test of that candidate against its neighbours gives p ≤ `maxP`, stop at the first that does
 * not. No randomness: the same series always gives the same points. Returned by index.
 */
export function eDivisive(series: readonly number[], maxP: number): ChangePoint[] {
  const calc = new QhatCalculator(series);
  const found: ChangePoint[] = [];
  for (;;) {
    const boundaries = found.map((c) => c.index);
    let best: Candidate | undefined;
    for (const { start, end } of spans(boundaries, series.length)) {
      const c = calc.candidate(start, end);
      if (c && (best === undefined || c.qhat > best.qhat)) best = c;
    }
    if (best === undefined) break;
    const stats = shiftAt(series, best.index, boundaries);
    if (!(stats.pValue <= maxP)) break;
    found.push({ ...best, stats });
    found.sort((a, b) => a.index - b.index);
  }
  return found;
}
