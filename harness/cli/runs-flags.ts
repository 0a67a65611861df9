import { Option, type Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { OutputReport } from '../../core/run-dir/schema/run-meta.js';
import { parseOutputSpec, type OutputSpec } from '../sinks/index.js';

export const DEFAULT_RUNS_DIR = 'runs';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * `--runs <dir>` (the folder of run directories) and k6's repeatable `--out name=target`.
 * `--out <dir>` without `=` is the spelling of --runs before outputs existed, and `-o` was its
 * short form (which now means `--output` elsewhere): both still accepted, with a notice.
 */
export function runsAndOutFlags(cmd: Command, outputs = true): Command {
  cmd.option('--runs <dir>', `folder that receives run directories (default: ${DEFAULT_RUNS_DIR})`);
  cmd.addOption(
    new Option('-o <dir>', 'deprecated spelling of --runs <dir>').hideHelp().argParser(collect),
  );
  return cmd.option(
    '--out <output>',
    outputs
      ? "also stream the run to an output, k6's form, repeatable: influxdb=http://127.0.0.1:8086/<database>. (--out <dir> without '=' is the deprecated spelling of --runs)"
      : 'deprecated spelling of --runs (--out <dir>)',
    collect,
  );
}

export interface RunsAndOutputs {
  runsDir: string;
  outputs: OutputSpec[];
}

export function resolveRunsAndOutputs(
  opts: { runs?: string; out?: string[]; o?: string[] },
  notice: (message: string) => void = (m) => process.stderr.write(`warning: ${m}\n`),
): RunsAndOutputs {
  for (const value of opts.o ?? []) {
    notice(
      value.includes('=')
        ? `-o ${value} is deprecated: use --out ${value}`
        : `-o ${value} is deprecated: use --runs ${value}`,
    );
  }
  const values = [...(opts.o ?? []), ...(opts.out ?? [])];
  const dirs = values.filter((v) => !v.includes('='));
  const outputs = values.filter((v) => v.includes('=')).map(parseOutputSpec);
  if (dirs.length > 1 || (dirs.length === 1 && opts.runs !== undefined && opts.runs !== dirs[0])) {
    throw new UsageError(
      `the runs folder is given twice (${[...(opts.runs ? [`--runs ${opts.runs}`] : []), ...dirs.map((d) => `--out ${d}`)].join(', ')})`,
      'give it once, with --runs <dir>; --out takes outputs such as influxdb=http://127.0.0.1:8086/loadrig',
    );
  }
  const outDir = (opts.out ?? []).find((v) => !v.includes('='));
  if (outDir !== undefined && opts.runs === undefined) {
    notice(`--out ${outDir} is deprecated for the runs folder: use --runs ${outDir}`);
  }
  return { runsDir: opts.runs ?? dirs[0] ?? DEFAULT_RUNS_DIR, outputs };
}

/** `influxdb: 312 points to http://…/loadrig (4 lost)`, one line per output, after the report path. */
export function outputLines(reports: readonly OutputReport[] | undefined): string {
  return (reports ?? [])
    .map(
      (r) =>
        `${r.output}: ${r.pointsWritten} points to ${r.target}${r.pointsDropped > 0 ? ` (${r.pointsDropped} lost: ${r.lastError ?? 'not sent in time'})` : ''}\n`,
    )
    .join('');
}
