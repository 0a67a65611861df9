import { shiftAt, type ChangePoint } from './change-point.js';
import { shiftMagnitude } from './t-test.js';

/**
 * The merge step of Hunter: drop weak change points one at a time, bottom-up, until every one
 * left has p < `maxP` and a relative shift above `minMagnitude`. The weakest goes first (the
 * highest p-value, or, once all p-values pass, the smallest shift); removing a point widens the
 * sides of the points next to it, so their tests are redone before the next choice.
 */
export function mergeWeak(
  series: readonly number[],
  weak: readonly ChangePoint[],
  maxP: number,
  minMagnitude: number,
): ChangePoint[] {
  const points = [...weak];
  while (points.length > 0) {
    let weakest = firstBy(points, (c) => c.stats.pValue, 'max');
    if ((points[weakest] as ChangePoint).stats.pValue < maxP) {
      weakest = firstBy(points, (c) => shiftMagnitude(c.stats), 'min');
      if (shiftMagnitude((points[weakest] as ChangePoint).stats) > minMagnitude) return points;
    }
    points.splice(weakest, 1);
    const boundaries = points.map((c) => c.index);
    // As Otava: the tests redone are those of the point that took the removed one's place and
    // of the point after it. The point just before keeps its earlier (narrower) test until it
    // is itself chosen or removed; Otava's published expectations depend on this order, so it
    // is kept (testing the point before instead changes 5 of its 10 TigerBeetle cases).
    for (const i of [weakest, weakest + 1]) {
      const c = points[i];
      if (c) points[i] = { ...c, stats: shiftAt(series, c.index, boundaries) };
    }
  }
  return points;
}

/** Position of the first greatest (or least) key; NaN never wins. */
function firstBy(
  points: readonly ChangePoint[],
  key: (c: ChangePoint) => number,
  want: 'max' | 'min',
): number {
  let at = 0;
  let best = key(points[0] as ChangePoint);
  for (let i = 1; i < points.length; i++) {
    const k = key(points[i] as ChangePoint);
    if (Number.isNaN(best) || (want === 'max' ? k > best : k < best)) {
      at = i;
      best = k;
    }
  }
  return at;
}
