import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { uslThroughput, type UslParams } from './usl.js';

/** One measured point: concurrency `n` and the throughput `x` achieved there. */
export interface LoadPoint {
  n: number;
  x: number;
}

export interface UslFit {
  params: UslParams;
  /** Share of the throughput's variance the curve explains (1 − SSE/SST). */
  rSquared: number;
  /** Sum of squared residuals, in throughput units squared. */
  sse: number;
  points: number;
}

export interface UslFitOptions {
  /** Where the search starts; by default a small grid of starts, the best fit kept. */
  starts?: readonly UslParams[];
  maxIterations?: number;
}

const SIGMA_STARTS = [0.01, 0.1, 0.5];
/** κ starts as multiples of 1/N_max², i.e. a peak near, before or well past the data. */
const KAPPA_STARTS = [0.001, 0.1, 1, 10];

/**
 * Bounded non-linear least squares (Levenberg–Marquardt), σ and κ in [0, 1], λ ≥ 0.
 *
 * Fitted on scaled variables: throughput divided by its maximum, κ in units of 1/N_max² and λ in
 * units of max(X/N). Unscaled, σ (~0.03), κ (~1e-4) and λ (~1000) differ by seven orders of
 * magnitude, and the library's damping (a multiple of the identity, not of diag(JᵀJ)) then moves
 * λ alone: on SPEC SDM91 and on the Cisco data the unscaled fit never leaves its start. Scaled,
 * every parameter is O(1) and the fit reproduces the published values.
 */
export function fitUsl(points: readonly LoadPoint[], opts: UslFitOptions = {}): UslFit | undefined {
  const usable = points.filter((p) => p.n > 0 && Number.isFinite(p.n) && Number.isFinite(p.x));
  if (new Set(usable.map((p) => p.n)).size < 3) return undefined;
  const nScale = Math.max(...usable.map((p) => p.n));
  const kScale = 1 / (nScale * nScale);
  const xScale = Math.max(...usable.map((p) => p.x)) || 1;
  const lScale = Math.max(...usable.map((p) => p.x / p.n)) / xScale || 1;
  const x = usable.map((p) => p.n);
  const y = usable.map((p) => p.x / xScale);
  // Scaled parameters [σ, κ/kScale, λ/(lScale·xScale)] in, the normalised curve out.
  const model =
    ([s, k, l]: number[]) =>
    (n: number): number =>
      ((l as number) * lScale * n) /
      (1 + (s as number) * (n - 1) + (k as number) * kScale * n * (n - 1));
  const jacobian =
    ([s, k, l]: number[]) =>
    (n: number): number[] => {
      const d = 1 + (s as number) * (n - 1) + (k as number) * kScale * n * (n - 1);
      const top = (l as number) * lScale * n;
      return [
        (-top * (n - 1)) / (d * d),
        (-top * kScale * n * (n - 1)) / (d * d),
        (lScale * n) / d,
      ];
    };
  const toScaled = (p: UslParams): number[] => [
    p.sigma,
    p.kappa / kScale,
    p.lambda / (lScale * xScale),
  ];
  const starts =
    opts.starts?.map(toScaled) ?? SIGMA_STARTS.flatMap((s) => KAPPA_STARTS.map((k) => [s, k, 1]));
  let best: { values: number[]; error: number } | undefined;
  for (const initialValues of starts) {
    const result = levenbergMarquardt({ x, y }, model, {
      initialValues: initialValues.map((v, i) => clamp(v, i, kScale)),
      jacobianFunction: jacobian,
      minValues: [0, 0, 0],
      maxValues: [1, 1 / kScale, 1e9],
      damping: 1e-3,
      maxIterations: opts.maxIterations ?? 2000,
      errorTolerance: 1e-15,
    });
    if (!best || result.parameterError < best.error) {
      best = { values: result.parameterValues, error: result.parameterError };
    }
  }
  if (!best) return undefined;
  const [s, k, l] = best.values as [number, number, number];
  const params = { sigma: s, kappa: k * kScale, lambda: l * lScale * xScale };
  return { params, ...goodness(usable, params), points: usable.length };
}

function clamp(v: number, index: number, kScale: number): number {
  const max = index === 0 ? 1 : index === 1 ? 1 / kScale : Infinity;
  return Math.min(Math.max(v, 0), max);
}

function goodness(points: readonly LoadPoint[], p: UslParams): { rSquared: number; sse: number } {
  const mean = points.reduce((a, q) => a + q.x, 0) / points.length;
  let sse = 0;
  let sst = 0;
  for (const q of points) {
    sse += (q.x - uslThroughput(p, q.n)) ** 2;
    sst += (q.x - mean) ** 2;
  }
  return { sse, rSquared: sst > 0 ? 1 - sse / sst : 0 };
}
