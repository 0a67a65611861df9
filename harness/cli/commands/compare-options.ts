import type { Command } from 'commander';
import { UsageError } from '../../../core/errors.js';
import { DEFAULT_COMPARE_SETTINGS } from '../../../reports/analysis/compare/compare-runs.js';
import type { CompareSettings } from '../../../reports/analysis/compare/comparison.js';
import {
  ALL_COMPARE_FORMATS,
  compareFormats,
  type CompareFormatName,
} from '../../../reports/render/compare/compare-formats.js';
import { COMPARE_FAIL_ON, type CompareFailOn } from '../../compare/compare-and-write.js';

/** The flags `compare` and `ab` share, as commander hands them over (strings). */
export interface CompareFlags {
  alpha?: string;
  minEffect?: string;
  failOn?: string;
  resamples?: string;
  seed?: string;
  force?: boolean;
  format?: string;
}

export function addCompareOptions(cmd: Command): Command {
  return cmd
    .option('--min-effect <percent>', 'smallest change that counts, in % (e.g. 5 or 5%)', '5')
    .option('--alpha <p>', 'significance level, Holm-corrected across the metrics', '0.05')
    .option('--fail-on <when>', 'exit 1 on: regression (default) or never', 'regression')
    .option('--force', 'compare runs of different scenarios, profiles or targets anyway')
    .option('--resamples <n>', 'bootstrap resamples (raised when many metrics need it)', '2000')
    .option('--seed <n>', 'seed of the bootstrap (same seed, same intervals)', '1')
    .option(
      '-f, --format <list>',
      `outputs, comma-separated: ${ALL_COMPARE_FORMATS.join(', ')} (default: all)`,
    );
}

export function compareSettingsOf(flags: CompareFlags): CompareSettings {
  const d = DEFAULT_COMPARE_SETTINGS;
  return {
    alpha: numberFlag(
      '--alpha',
      flags.alpha,
      d.alpha,
      (v) => v > 0 && v < 0.5,
      'a level above 0 and below 0.5, e.g. 0.05',
    ),
    minEffect:
      numberFlag(
        '--min-effect',
        flags.minEffect?.replace(/%$/, ''),
        d.minEffect * 100,
        (v) => v >= 0 && v < 100,
        'a percentage from 0 to 100, e.g. 5 or 5%',
      ) / 100,
    resamples: numberFlag(
      '--resamples',
      flags.resamples,
      d.resamples,
      (v) => Number.isInteger(v) && v >= 100 && v <= 1_000_000,
      'a whole number from 100 to 1000000',
    ),
    seed: numberFlag(
      '--seed',
      flags.seed,
      d.seed,
      (v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32,
      'a whole number from 0 to 4294967295',
    ),
  };
}

export function compareFormatsOf(text: string | undefined): CompareFormatName[] {
  if (text === undefined) return [...ALL_COMPARE_FORMATS];
  const names = text
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(ALL_COMPARE_FORMATS as string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--format ${JSON.stringify(text)}: ${unknown.length > 0 ? `unknown format ${unknown.join(', ')}` : 'no format'}`,
      `choose from ${ALL_COMPARE_FORMATS.map((n) => `${n} (${compareFormats[n].file})`).join(', ')}`,
    );
  }
  return [...new Set(names as CompareFormatName[])];
}

export function compareFailOnOf(text: string | undefined): CompareFailOn {
  if (text === undefined) return 'regression';
  if ((COMPARE_FAIL_ON as readonly string[]).includes(text)) return text as CompareFailOn;
  throw new UsageError(
    `--fail-on ${text} is not known here: use one of: ${COMPARE_FAIL_ON.join(', ')}`,
    'regression exits 1 when a metric regressed; never always exits 0',
  );
}

function numberFlag(
  flag: string,
  text: string | undefined,
  fallback: number,
  ok: (v: number) => boolean,
  expected: string,
): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !ok(v)) {
    throw new UsageError(`${flag} ${text} is not valid`, `give ${expected}`);
  }
  return v;
}
