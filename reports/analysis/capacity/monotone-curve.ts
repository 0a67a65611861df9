/**
 * Monotone cubic interpolation (Fritsch–Carlson): a smooth curve through every point that never
 * overshoots, so where the data rise the curve rises too. Used for p99 against throughput,
 * where a spline's wiggles would invent latency the measurements never showed.
 */
export interface MonotoneCurve {
  /** The curve at `x`; outside the points it holds the end values (no extrapolation). */
  at(x: number): number;
  /** The first x in [x_i, x_{i+1}] where the curve reaches `y`, by bisection; undefined if it does not. */
  crossing(i: number, y: number): number | undefined;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/** `xs` must be strictly increasing. */
export function monotoneCurve(xs: readonly number[], ys: readonly number[]): MonotoneCurve {
  const n = xs.length;
  if (n === 0 || ys.length !== n)
    throw new RangeError('monotoneCurve needs as many ys as xs, at least one');
  for (let i = 1; i < n; i++) {
    if (!((xs[i] as number) > (xs[i - 1] as number))) {
      throw new RangeError(`monotoneCurve needs strictly increasing xs (xs[${i}] = ${xs[i]})`);
    }
  }
  const h = (i: number): number => (xs[i + 1] as number) - (xs[i] as number);
  const delta = Array.from(
    { length: Math.max(0, n - 1) },
    (_, i) => ((ys[i + 1] as number) - (ys[i] as number)) / h(i),
  );
  const m = tangents(delta, n);
  const at = (x: number): number => {
    if (n === 1 || x <= (xs[0] as number)) return ys[0] as number;
    if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
    let i = 0;
    while (x > (xs[i + 1] as number)) i++;
    return hermite(i, x);
  };
  const hermite = (i: number, x: number): number => {
    const w = h(i);
    const t = (x - (xs[i] as number)) / w;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * (ys[i] as number) +
      (t3 - 2 * t2 + t) * w * (m[i] as number) +
      (-2 * t3 + 3 * t2) * (ys[i + 1] as number) +
      (t3 - t2) * w * (m[i + 1] as number)
    );
  };
  const crossing = (i: number, y: number): number | undefined => {
    if (i < 0 || i >= n - 1) return undefined;
    const y0 = ys[i] as number;
    const y1 = ys[i + 1] as number;
    if ((y0 - y) * (y1 - y) > 0) return undefined;
    // On a monotone segment the curve is monotone too: bisection finds the one crossing.
    let lo = xs[i] as number;
    let hi = xs[i + 1] as number;
    const rising = y1 >= y0;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (hermite(i, mid) < y === rising) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return { at, crossing, xs, ys };
}

/** Fritsch–Carlson tangents: averaged slopes, zero at local extrema, limited against overshoot. */
function tangents(delta: readonly number[], n: number): number[] {
  if (n < 2) return [0];
  const m = new Array<number>(n);
  m[0] = delta[0] as number;
  m[n - 1] = delta[n - 2] as number;
  for (let i = 1; i < n - 1; i++) {
    const a = delta[i - 1] as number;
    const b = delta[i] as number;
    m[i] = a * b <= 0 ? 0 : (a + b) / 2;
  }
  for (let i = 0; i < n - 1; i++) {
    const d = delta[i] as number;
    if (d === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = (m[i] as number) / d;
    const b = (m[i + 1] as number) / d;
    const s = a * a + b * b;
    if (!Number.isFinite(s)) {
      // A segment almost flat next to a steep one: flat tangents keep it monotone.
      m[i] = 0;
      m[i + 1] = 0;
    } else if (s > 9) {
      const tau = 3 / Math.sqrt(s);
      m[i] = tau * a * d;
      m[i + 1] = tau * b * d;
    }
  }
  return m;
}
