import { join } from 'node:path';
import { analyseRun, renderConsoleSummary } from '../../../reports/index.js';
import { closingStatus } from '../../../reports/analysis/verdict.js';
import { redactDeep } from '../../../core/run-dir/redact.js';
import {
  DEFAULT_FORMATS,
  parseFormats,
  reportFormats,
  type ReportFormatName,
} from '../../../reports/render/report-formats.js';
import { UsageError } from '../../../core/errors.js';
import { exitCodeForStatus } from '../../../core/exit-codes.js';
import { writeOutputs } from '../../lifecycle/finish-run.js';
import { readRun } from '../../../core/run-dir/read-run.js';
import { writeDigest } from '../../history/write-digest.js';
import { abortedNotice, markIfAborted } from '../../store/mark-aborted.js';
import { writeFileAtomic } from '../../store/write-file-atomic.js';

export interface ReportCommandOptions {
  color: boolean;
  format?: string;
}

/** Re-analyses and re-renders a stored run without re-running it. */
export function reportCommand(dir: string, opts: ReportCommandOptions): number {
  const formats = formatsFlag(opts.format);
  // A run whose process died while it ran is closed first: aborted, at its last second.
  const aborted = markIfAborted(dir);
  if (aborted) process.stderr.write(`${abortedNotice(aborted)}\n`);
  const read = readRun(dir);
  const recorded = aborted ? { ...read, meta: aborted.meta } : read;
  const run = { ...recorded, meta: redactDeep(recorded.meta) };
  const analysis = analyseRun(run);
  const written = writeOutputs(dirWriter(dir), run, analysis, formats);
  writeDigest(dirWriter(dir), run);
  process.stdout.write(renderConsoleSummary(run, analysis, opts) + '\n\n');
  for (const name of formats) process.stdout.write(`${name}: ${written[name]}\n`);
  const status = closingStatus(run.meta.status, analysis, run.meta.failOn);
  return exitCodeForStatus(status);
}

/** `--format html,junit,md,json` as format names; absent means the defaults. */
export function formatsFlag(text: string | undefined): ReportFormatName[] {
  if (text === undefined) return [...DEFAULT_FORMATS];
  const parsed = parseFormats(text);
  if (parsed.ok) return parsed.formats;
  const seen =
    parsed.unknown.length > 0 ? `unknown format ${parsed.unknown.join(', ')}` : 'no format';
  throw new UsageError(
    `--format ${JSON.stringify(text)}: ${seen}`,
    `choose from ${parsed.valid.map((n) => `${n} (${reportFormats[n].file})`).join(', ')}, e.g. --format html,junit,md`,
  );
}

/** Writes outputs into a run directory that no RunStore holds open (atomic replace). */
export function dirWriter(dir: string): { writeOutput(fileName: string, content: string): string } {
  return {
    writeOutput(fileName: string, content: string): string {
      return writeFileAtomic(join(dir, fileName), content, dir);
    },
  };
}
