/**
 * The block length for a block bootstrap of a per-second series, chosen from its own
 * autocorrelation by Politis & White's rule (2004, with the correction of Patton, Politis &
 * White 2009) for the circular block bootstrap:
 *
 * 1. m̂: the first lag after which K_N = max(5, ⌈√log10 n⌉) autocorrelations in a row stay
 *    within ±2·√(log10 n / n) (Politis 2003: where the correlation has died out).
 * 2. With M = 2·m̂ and the flat-top window λ(s) = 1 for |s| ≤ ½, 2(1 − |s|) up to 1, 0 beyond:
 *    G = Σ λ(k/M)·|k|·R(k) and g = Σ λ(k/M)·R(k) over |k| ≤ M (R: autocovariances).
 * 3. b = (2·G² / D)^(1/3) · n^(1/3) with D = (4/3)·g², capped at ⌈min(3√n, n/3)⌉.
 *
 * A series with no autocorrelation gets 1 (an ordinary bootstrap); a slowly drifting one gets
 * blocks long enough that each carries its own stretch of the drift. So does one whose lag-1
 * autocorrelation is negative: the rule divides by the spectral density at zero, which such
 * a series (seconds alternating high and low, or plain noise over a short run) drives towards
 * zero, asking for absurdly long blocks; single seconds already overstate its noise.
 */
export function blockLength(series: readonly number[]): number {
  const x = series.filter((v) => Number.isFinite(v));
  const n = x.length;
  if (n < 4) return 1;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const maxLag = Math.min(n - 1, Math.ceil(Math.sqrt(n)) + kN(n));
  const acov: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (x[t]! - mean) * (x[t + k]! - mean);
    acov.push(s / n);
  }
  const r0 = acov[0]!;
  const bMax = Math.ceil(Math.min(3 * Math.sqrt(n), n / 3));
  if (r0 <= 0 || acov[1]! <= 0) return 1;
  const m = Math.min(decorrelationLag(acov, n), Math.floor(maxLag / 2));
  const bigM = 2 * m;
  if (bigM === 0) return 1;
  let g = 0;
  let bigG = 0;
  for (let k = -bigM; k <= bigM; k++) {
    const w = flatTop(k / bigM);
    const r = acov[Math.abs(k)]!;
    g += w * r;
    bigG += w * Math.abs(k) * r;
  }
  const d = (4 / 3) * g * g;
  if (d <= 0) return 1;
  const b = Math.cbrt((2 * bigG * bigG) / d) * Math.cbrt(n);
  return Math.max(1, Math.min(bMax, Math.ceil(b)));
}

function kN(n: number): number {
  return Math.max(5, Math.ceil(Math.sqrt(Math.log10(n))));
}

/** Politis's m̂: the first lag followed by K_N insignificant autocorrelations. */
function decorrelationLag(acov: readonly number[], n: number): number {
  const bound = 2 * Math.sqrt(Math.log10(n) / n);
  const k = kN(n);
  const rho = (lag: number): number => acov[lag]! / acov[0]!;
  const last = acov.length - 1;
  for (let m = 0; m + 1 <= last; m++) {
    let quiet = true;
    for (let j = 1; j <= k && m + j <= last; j++) {
      if (Math.abs(rho(m + j)) >= bound) {
        quiet = false;
        break;
      }
    }
    if (quiet) return m;
  }
  return last;
}

function flatTop(s: number): number {
  const a = Math.abs(s);
  if (a <= 0.5) return 1;
  if (a <= 1) return 2 * (1 - a);
  return 0;
}
