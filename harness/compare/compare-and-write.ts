import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { EXIT } from '../../core/exit-codes.js';
import { readRun } from '../../core/run-dir/read-run.js';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { compareRuns } from '../../reports/analysis/compare/compare-runs.js';
import type { CompareSettings, Comparison } from '../../reports/analysis/compare/comparison.js';
import { runDifferences } from '../../reports/analysis/compare/run-differences.js';
import { renderCompareConsole } from '../../reports/render/compare/compare-console.js';
import {
  compareFormats,
  type CompareFormatName,
} from '../../reports/render/compare/compare-formats.js';

export type CompareFailOn = 'regression' | 'never';
export const COMPARE_FAIL_ON: readonly CompareFailOn[] = ['regression', 'never'];

export interface CompareJob {
  baseDirs: readonly string[];
  candidateDirs: readonly string[];
  outDir: string;
  settings: CompareSettings;
  /** Compare runs of different scenarios, profiles or targets anyway. */
  force: boolean;
  formats: readonly CompareFormatName[];
  failOn: CompareFailOn;
  color: boolean;
  stdout?: NodeJS.WritableStream;
}

export interface CompareOutcome {
  comparison: Comparison;
  written: Partial<Record<CompareFormatName, string>>;
  exitCode: number;
}

/**
 * Reads both sides (every file validated), refuses runs that measure different things unless
 * forced, compares them, prints the table and writes the outputs. Exit 1 on a regression
 * (with --fail-on regression, the default), 0 otherwise; bad input throws (exit 2).
 */
export function compareAndWrite(job: CompareJob): CompareOutcome {
  const stdout = job.stdout ?? process.stdout;
  const read = (dirs: readonly string[]): RunData[] =>
    dirs.map((dir) => {
      const run = readRun(dir);
      return { ...run, meta: redactDeep(run.meta) };
    });
  const base = read(job.baseDirs);
  const candidate = read(job.candidateDirs);
  const differences = runDifferences(
    base.map((r) => r.meta),
    candidate.map((r) => r.meta),
  );
  if (differences.length > 0 && !job.force) {
    throw new UsageError(
      `these runs measure different things:\n${differences.map((d) => `  - ${d}`).join('\n')}`,
      'compare runs of one scenario, profile and target, or pass --force to compare them anyway',
    );
  }
  const comparison = compareRuns(base, candidate, job.settings);
  stdout.write(renderCompareConsole(comparison, { color: job.color }));
  mkdirSync(job.outDir, { recursive: true });
  const written: CompareOutcome['written'] = {};
  for (const name of job.formats) {
    const format = compareFormats[name];
    const content = format.render({ comparison, base, candidate });
    const path = join(job.outDir, format.file);
    writeFileSync(`${path}.tmp`, content);
    renameSync(`${path}.tmp`, path);
    written[name] = path;
    const stepSummary = process.env['GITHUB_STEP_SUMMARY'];
    if (name === 'md' && stepSummary) appendFileSync(stepSummary, content + '\n');
  }
  stdout.write('\n');
  for (const name of job.formats) stdout.write(`${compareFormats[name].file}: ${written[name]}\n`);
  const regressed = comparison.verdict === 'regression' && job.failOn === 'regression';
  return { comparison, written, exitCode: regressed ? EXIT.failed : EXIT.ok };
}
