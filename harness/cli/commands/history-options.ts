import { UsageError } from '../../../core/errors.js';
import {
  DEFAULT_CHANGE_POINT_OPTIONS,
  type ChangePointOptions,
} from '../../../reports/analysis/history/change-points.js';
import type { RunFilter } from '../../history/run-filter.js';

/** The flags of `loadrig history`, as commander hands them over (strings). */
export interface HistoryFlags {
  runs?: string;
  influx?: string;
  scenario?: string;
  branch?: string;
  since?: string;
  window?: string;
  maxP?: string;
  minMagnitude?: string;
  failOn?: string;
  output?: string;
}

export const HISTORY_FAIL_ON = ['regression', 'never'] as const;
export type HistoryFailOn = (typeof HISTORY_FAIL_ON)[number];

const DAY_MS = 24 * 3600 * 1000;

/** `--since 2026-01-01`, `--since 2026-01-01T12:00:00Z` or `--since 30d` (days before `nowMs`). */
export function parseSince(text: string, nowMs: number): number {
  const days = /^(\d+)d$/.exec(text.trim());
  if (days) return nowMs - Number(days[1]) * DAY_MS;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new UsageError(
      `--since ${text} is not a date`,
      'give an ISO date (2026-01-31 or 2026-01-31T12:00:00Z) or a number of days (30d)',
    );
  }
  return ms;
}

function numberFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  valid: (n: number) => boolean,
  expected: string,
): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !valid(n)) {
    throw new UsageError(`${flag} ${text} is not ${expected}`, `e.g. ${flag} ${fallback}`);
  }
  return n;
}

export function parseChangePointFlags(flags: HistoryFlags): ChangePointOptions {
  const d = DEFAULT_CHANGE_POINT_OPTIONS;
  return {
    windowLen: numberFlag(
      '--window',
      flags.window,
      d.windowLen,
      (n) => Number.isInteger(n) && n >= 2,
      'a whole number of runs of at least 2',
    ),
    maxP: numberFlag(
      '--max-p',
      flags.maxP,
      d.maxP,
      (n) => n > 0 && n < 1,
      'a p-value between 0 and 1',
    ),
    minMagnitude: numberFlag(
      '--min-magnitude',
      flags.minMagnitude,
      d.minMagnitude,
      (n) => n >= 0,
      'a relative change of 0 or more (0.05 = 5 %)',
    ),
  };
}

export function parseHistoryFailOn(text: string | undefined): HistoryFailOn {
  if (text === undefined) return 'regression';
  if ((HISTORY_FAIL_ON as readonly string[]).includes(text)) return text as HistoryFailOn;
  throw new UsageError(
    `--fail-on ${text} is not one of ${HISTORY_FAIL_ON.join(', ')}`,
    'e.g. --fail-on never',
  );
}

export function parseRunFilter(flags: HistoryFlags, nowMs: number): RunFilter {
  return {
    ...(flags.scenario !== undefined ? { scenario: flags.scenario } : {}),
    ...(flags.branch !== undefined ? { branch: flags.branch } : {}),
    ...(flags.since !== undefined ? { sinceMs: parseSince(flags.since, nowMs) } : {}),
  };
}
