import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * When a step counts as steady: the coefficient of variation (sd / mean) of its per-second
 * throughput over a sliding window of `windowSeconds` is at most `cvBound`. Low rates get an
 * allowance for counting noise: a Poisson count of mean m has CV 1/√m, so a window passes when
 * its CV is within max(cvBound, 1.5/√m) — as steady as counting whole requests allows.
 */
export interface SteadinessRule {
  windowSeconds: number;
  cvBound: number;
}

export const DEFAULT_STEADINESS: SteadinessRule = { windowSeconds: 5, cvBound: 0.05 };

export interface WindowCheck {
  cv: number;
  bound: number;
  steady: boolean;
}

export function checkWindow(perSecond: readonly number[], rule: SteadinessRule): WindowCheck {
  const m = perSecond.length > 0 ? mean([...perSecond]) : 0;
  const bound = Math.max(rule.cvBound, m > 0 ? 1.5 / Math.sqrt(m) : Infinity);
  if (perSecond.length < 2 || m <= 0) return { cv: Infinity, bound, steady: false };
  const cv = sampleStandardDeviation([...perSecond]) / m;
  return { cv, bound, steady: cv <= bound };
}

/** How much of a hold was settling: the seconds before the first steady window. */
export interface Settling {
  /** Seconds trimmed from the start of the hold. */
  settleSeconds: number;
  /** False when no window was steady: then the first half of the hold is trimmed. */
  steady: boolean;
  /** CV of the first steady window (or the last window looked at). */
  cv: number;
}

export function findSettling(perSecond: readonly number[], rule: SteadinessRule): Settling {
  const w = Math.max(2, Math.round(rule.windowSeconds));
  let last: WindowCheck = { cv: Infinity, bound: rule.cvBound, steady: false };
  for (let i = 0; i + w <= perSecond.length; i++) {
    last = checkWindow(perSecond.slice(i, i + w), rule);
    if (last.steady) return { settleSeconds: i, steady: true, cv: last.cv };
  }
  return { settleSeconds: Math.floor(perSecond.length / 2), steady: false, cv: last.cv };
}

/**
 * Whether a step being measured can end: it has settled and then kept `measureSeconds` of
 * seconds since. The live run and the later analysis apply the same rule to the same seconds.
 */
export function measuredEnough(
  perSecond: readonly number[],
  rule: SteadinessRule,
  measureSeconds: number,
): boolean {
  const s = findSettling(perSecond, rule);
  return s.steady && perSecond.length - s.settleSeconds >= measureSeconds;
}
