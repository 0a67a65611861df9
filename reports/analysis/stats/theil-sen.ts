import { median } from 'simple-statistics';

export interface RobustFit {
  /** Units of y per unit of x. */
  slope: number;
  intercept: number;
  /** Share of the variance of y the line explains (0–1), as a fit quality. */
  r2: number;
  n: number;
}

/** At most this many points enter the O(n²) pairwise slopes; more are thinned evenly. */
const MAX_POINTS = 300;

/**
 * Theil–Sen estimator: the median of pairwise slopes. Robust to up to ~29 % outliers, so a few
 * GC spikes or a stray sample do not tilt the line the way least squares would.
 */
export function theilSen(xs: readonly number[], ys: readonly number[]): RobustFit | undefined {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return undefined;
  const step = Math.max(1, n / MAX_POINTS);
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < n; i += step) {
    px.push(xs[Math.floor(i)] as number);
    py.push(ys[Math.floor(i)] as number);
  }
  const slopes: number[] = [];
  for (let i = 0; i < px.length; i++) {
    for (let j = i + 1; j < px.length; j++) {
      const dx = (px[j] as number) - (px[i] as number);
      if (dx !== 0) slopes.push(((py[j] as number) - (py[i] as number)) / dx);
    }
  }
  if (slopes.length === 0) return undefined;
  const slope = median(slopes);
  const intercept = median(px.map((x, i) => (py[i] as number) - slope * x));
  const meanY = py.reduce((a, b) => a + b, 0) / py.length;
  let ssTot = 0;
  let ssRes = 0;
  for (let i = 0; i < px.length; i++) {
    const y = py[i] as number;
    ssTot += (y - meanY) ** 2;
    ssRes += (y - (intercept + slope * (px[i] as number))) ** 2;
  }
  return { slope, intercept, r2: ssTot === 0 ? 0 : Math.max(0, 1 - ssRes / ssTot), n };
}
