import { resolve } from 'node:path';
import { UsageError } from '../../../core/errors.js';
import { readFileSync } from 'node:fs';
import { runFile, runId } from '../../../core/run-dir/run-files.js';
import { baselineRunDirs } from '../../compare/baseline-store.js';
import { compareAndWrite } from '../../compare/compare-and-write.js';
import { runDirsOf } from '../../compare/run-dirs.js';
import {
  compareFailOnOf,
  compareFormatsOf,
  compareSettingsOf,
  type CompareFlags,
} from './compare-options.js';

export interface CompareCommandOptions extends CompareFlags {
  baseline?: string;
  runs: string;
  output?: string;
  color: boolean;
}

/**
 * `loadrig compare <base> <candidate>` or `loadrig compare --baseline <name> <candidate>`:
 * each side one run directory or several; outputs in `--output` (default a new
 * `<runs>/<UTC>-compare-<scenario>` folder). Returns the exit code.
 */
export function compareCommand(sides: string[], opts: CompareCommandOptions): number {
  const settings = compareSettingsOf(opts);
  const formats = compareFormatsOf(opts.format);
  const failOn = compareFailOnOf(opts.failOn);
  const runsDir = resolve(opts.runs);
  let baseDirs: string[];
  let candidateArg: string;
  if (opts.baseline !== undefined) {
    if (sides.length !== 1) {
      throw new UsageError(
        `with --baseline, give only the candidate (got ${sides.length} arguments)`,
        'e.g. loadrig compare --baseline release-1.4 runs/20261123T081500Z-checkout',
      );
    }
    baseDirs = baselineRunDirs(runsDir, opts.baseline);
    candidateArg = sides[0]!;
  } else {
    if (sides.length !== 2) {
      throw new UsageError(
        `compare needs a base and a candidate (got ${sides.length} argument${sides.length === 1 ? '' : 's'})`,
        'e.g. loadrig compare runs/A runs/B, or loadrig compare --baseline <name> runs/B',
      );
    }
    baseDirs = runDirsOf(sides[0]!, 'base');
    candidateArg = sides[1]!;
  }
  const candidateDirs = runDirsOf(candidateArg, 'candidate');
  const outDir =
    opts.output !== undefined
      ? resolve(opts.output)
      : resolve(runsDir, runId(new Date(), `compare-${scenarioName(candidateDirs[0]!)}`));
  return compareAndWrite({
    baseDirs,
    candidateDirs,
    outDir,
    settings,
    force: opts.force === true,
    formats,
    failOn,
    color: opts.color,
  }).exitCode;
}

/** The scenario name in a run.json, for naming the output folder (readRun validates it later). */
function scenarioName(dir: string): string {
  try {
    const meta = JSON.parse(readFileSync(runFile(dir, 'meta'), 'utf8')) as {
      scenario?: { name?: unknown };
    };
    return typeof meta.scenario?.name === 'string' ? meta.scenario.name : 'runs';
  } catch {
    return 'runs';
  }
}
