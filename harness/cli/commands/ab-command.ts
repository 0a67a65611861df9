import { resolve } from 'node:path';
import { DurationSyntaxError, parseDuration } from '../../../core/duration.js';
import { UsageError } from '../../../core/errors.js';
import { EXIT } from '../../../core/exit-codes.js';
import { runAb } from '../../ab/run-ab.js';
import { compareAndWrite } from '../../compare/compare-and-write.js';
import { ProgressPrinter } from '../../progress/progress-printer.js';
import { interruptOnSignals } from '../interrupt.js';
import {
  compareFailOnOf,
  compareFormatsOf,
  compareSettingsOf,
  type CompareFlags,
} from './compare-options.js';

export interface AbCommandOptions extends CompareFlags {
  base: string;
  candidate: string;
  rounds: string;
  roundDuration?: string;
  engine: string;
  runs: string;
  color: boolean;
}

/**
 * `loadrig ab <scenario> --base <ref> --candidate <ref>`: both refs built and run in balanced
 * rounds, then compared. Exit 1 on a regression, 2 for bad input, 3 when a ref does not build
 * or its target does not start, 130 when interrupted.
 */
export async function abCommand(file: string, opts: AbCommandOptions): Promise<number> {
  const settings = compareSettingsOf(opts);
  const formats = compareFormatsOf(opts.format);
  const failOn = compareFailOnOf(opts.failOn);
  const roundsPerSide = Number(opts.rounds);
  if (!Number.isInteger(roundsPerSide) || roundsPerSide < 1 || roundsPerSide > 100) {
    throw new UsageError(
      `--rounds ${opts.rounds} is not a whole number from 1 to 100`,
      'e.g. --rounds 5',
    );
  }
  const roundDurationMs =
    opts.roundDuration === undefined ? undefined : durationFlag(opts.roundDuration);
  const interrupt = interruptOnSignals();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const ab = await runAb({
      scenarioFile: file,
      refs: { base: opts.base, candidate: opts.candidate },
      roundsPerSide,
      ...(roundDurationMs !== undefined ? { roundDurationMs } : {}),
      engine: opts.engine,
      force: opts.force === true,
      outDir: resolve(opts.runs),
      cwd: process.cwd(),
      interrupt: interrupt.signal,
      progress: () => new ProgressPrinter(process.stderr),
      log,
    });
    if (ab.exitCode === EXIT.interrupted) {
      log(
        ab.dir
          ? `interrupted: the rounds run so far are in ${ab.dir}`
          : 'interrupted before the first round',
      );
      return EXIT.interrupted;
    }
    return compareAndWrite({
      baseDirs: ab.runs.base,
      candidateDirs: ab.runs.candidate,
      outDir: ab.dir,
      settings,
      force: opts.force === true,
      formats,
      failOn,
      color: opts.color,
    }).exitCode;
  } finally {
    interrupt.dispose();
  }
}

function durationFlag(text: string): number {
  try {
    const ms = parseDuration(text, '--round-duration');
    if (ms < 2000)
      throw new UsageError(
        `--round-duration ${text} is shorter than 2s`,
        'e.g. --round-duration 30s',
      );
    return ms;
  } catch (e) {
    if (e instanceof DurationSyntaxError)
      throw new UsageError(e.message, 'e.g. --round-duration 30s');
    throw e;
  }
}
