/**
 * Holm's step-down adjustment (Holm 1979): with m p-values sorted ascending, the i-th is
 * multiplied by m − i + 1 and kept monotone. Rejecting every adjusted p ≤ alpha keeps the
 * chance of any false "regression" among all the metrics compared at alpha, without the
 * blanket cost of Bonferroni. Returned in the input order; NaN stays NaN and is not counted.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    out[i] = running;
  });
  return out;
}
