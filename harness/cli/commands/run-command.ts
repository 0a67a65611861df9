import { join, resolve } from 'node:path';
import { DEFAULT_COMPARE_SETTINGS } from '../../../reports/analysis/compare/compare-runs.js';
import { ALL_COMPARE_FORMATS } from '../../../reports/render/compare/compare-formats.js';
import { baselineRunDirs } from '../../compare/baseline-store.js';
import { compareAndWrite } from '../../compare/compare-and-write.js';
import { renderConsoleSummary } from '../../../reports/index.js';
import { FAIL_ON_VALUES, type FailOn } from '../../../reports/analysis/verdict.js';
import { parseDuration, DurationSyntaxError } from '../../../core/duration.js';
import { UsageError } from '../../../core/errors.js';
import { EXIT } from '../../../core/exit-codes.js';
import { runScenario } from '../../lifecycle/run-scenario.js';
import { writeOutputs } from '../../lifecycle/finish-run.js';
import { isK6Script, k6ScriptScenario } from '../../loader/load-k6-script.js';
import { loadScenario } from '../../loader/load-scenario.js';
import { DEFAULT_FORMATS } from '../../../reports/render/report-formats.js';
import { dirWriter, formatsFlag } from './report-command.js';
import { ProgressPrinter } from '../../progress/progress-printer.js';
import { interruptOnSignals } from '../interrupt.js';
import { parseReplicasFlag, withReplicas } from './replicas-sweep.js';
import { outputLines, resolveRunsAndOutputs } from '../runs-flags.js';

export interface RunCommandOptions {
  target?: string;
  /** `--runs <dir>`: the folder that receives run directories. */
  runs?: string;
  /** `--out`: outputs (`influxdb=URL`), or the deprecated spelling of --runs. */
  out?: string[];
  /** `-o`: the deprecated short spelling of --runs (or of --out for an output). */
  o?: string[];
  duration?: string;
  engine: string;
  color: boolean;
  /** `--fail-on`: findings at or above this severity fail the run. */
  failOn?: string;
  /** `--segments N`: N k6 processes, each an equal execution segment. */
  segments?: string;
  /** `--format`: outputs besides report.html and summary.json, which every run writes. */
  format?: string;
  /** `--replicas 1,2,4`: one run per replica count of a container target. */
  replicas?: string;
  /** One count of that sweep (set by the sweep itself). */
  replicaCount?: number;
  /** `--baseline <name>`: compare the finished run against this saved baseline. */
  baseline?: string;
}

/** Loads a scenario file, runs it, prints the summary and the report path; returns the exit code. */
export async function runCommand(file: string, opts: RunCommandOptions): Promise<number> {
  const { runsDir, outputs } = resolveRunsAndOutputs(opts);
  if (opts.replicas !== undefined) {
    const outSpecs = outputs.map((o) => `${o.name}=${o.target}`);
    const { o: _short, ...rest } = opts;
    return runReplicasSweep(file, { ...rest, runs: runsDir, out: outSpecs });
  }
  const durationMs = opts.duration === undefined ? undefined : parseDurationFlag(opts.duration);
  const formats = formatsFlag(opts.format);
  const segments = parseSegments(opts.segments, opts.engine);
  const loaded = isK6Script(file)
    ? rawK6Scenario(file, opts)
    : await loadScenario(file, { engine: opts.engine });
  const scenario =
    opts.replicaCount === undefined ? loaded : withReplicas(loaded, opts.replicaCount, opts.target);
  // Looked up before the run, so a mistyped name costs nothing.
  const baseline =
    opts.baseline === undefined ? undefined : baselineRunDirs(resolve(runsDir), opts.baseline);
  const interrupt = interruptOnSignals();
  try {
    const outcome = await runScenario({
      scenario,
      scenarioFile: file,
      ...(opts.target !== undefined && opts.replicaCount === undefined
        ? { target: opts.target }
        : {}),
      outDir: resolve(runsDir),
      outputs,
      ...(durationMs !== undefined ? { durationMs } : {}),
      engine: opts.engine,
      ...(segments !== undefined ? { segments } : {}),
      failOn: parseFailOn(opts.failOn),
      failureFormats: formats,
      interrupt: interrupt.signal,
      progress: new ProgressPrinter(process.stderr),
      cwd: process.cwd(),
    });
    process.stdout.write(
      '\n' + renderConsoleSummary(outcome.run, outcome.analysis, { color: opts.color }) + '\n',
    );
    // finishRun wrote report.html and summary.json; the other selected formats join them.
    const extra = formats.filter((f) => !DEFAULT_FORMATS.includes(f));
    const written = writeOutputs(dirWriter(outcome.dir), outcome.run, outcome.analysis, extra);
    process.stdout.write(`\nreport: ${outcome.reportPath}\n`);
    for (const name of extra) process.stdout.write(`${name}: ${written[name]}\n`);
    process.stdout.write(outputLines(outcome.run.meta.outputs));
    if (baseline === undefined || outcome.exitCode > EXIT.failed) return outcome.exitCode;
    const compared = compareWithBaseline(baseline, outcome.dir, opts.color);
    return Math.max(outcome.exitCode, compared);
  } finally {
    interrupt.dispose();
  }
}

/** The finished run against the baseline; outputs in <run-dir>/compare/ (junit.xml would clash). */
function compareWithBaseline(baseDirs: string[], runDir: string, color: boolean): number {
  process.stdout.write('\n');
  return compareAndWrite({
    baseDirs,
    candidateDirs: [runDir],
    outDir: join(runDir, 'compare'),
    settings: DEFAULT_COMPARE_SETTINGS,
    force: false,
    formats: ALL_COMPARE_FORMATS,
    failOn: 'regression',
    color,
  }).exitCode;
}

/** Runs the scenario once per replica count, one run directory each; the worst exit code wins. */
async function runReplicasSweep(file: string, opts: RunCommandOptions): Promise<number> {
  const counts = parseReplicasFlag(opts.replicas ?? '');
  let worst = 0;
  for (const count of counts) {
    process.stderr.write(`\n── replicas: ${count} ──\n`);
    const { replicas: _sweep, ...one } = opts;
    const code = await runCommand(file, { ...one, replicaCount: count });
    worst = Math.max(worst, code);
    if (code === EXIT.interrupted) break; // interrupted: the user wants to stop, not the next count
  }
  return worst;
}

/** A plain k6 script: k6 runs it as it is; loadrig adds the target, metrics and report. */
function rawK6Scenario(file: string, opts: RunCommandOptions) {
  if (opts.engine !== 'k6') {
    throw new UsageError(
      `${file} is a k6 script (it imports k6 modules)`,
      'run it with --engine k6',
    );
  }
  return k6ScriptScenario(file, opts.target);
}

function parseSegments(text: string | undefined, engine: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(
      `--segments ${text} is not a whole number from 1 to 64`,
      'e.g. --segments 2',
    );
  }
  if (n > 1 && engine !== 'k6') {
    throw new UsageError(
      `--segments ${n} needs --engine k6`,
      'the built-in engine spreads its VUs over worker threads instead: set `workers` in the scenario',
    );
  }
  return n;
}

function parseFailOn(text: string | undefined): FailOn {
  if (text === undefined) return 'never';
  if ((FAIL_ON_VALUES as readonly string[]).includes(text)) return text as FailOn;
  throw new UsageError(
    `--fail-on ${text} is not a severity`,
    `use one of: ${FAIL_ON_VALUES.join(', ')}`,
  );
}

function parseDurationFlag(text: string): number {
  try {
    const ms = parseDuration(text, '--duration');
    if (ms < 1000)
      throw new UsageError(
        `--duration ${text} is shorter than the 1s minimum`,
        "give at least '1s', e.g. --duration 30s",
      );
    return ms;
  } catch (e) {
    if (e instanceof DurationSyntaxError)
      throw new UsageError(e.message, 'e.g. --duration 30s or --duration 2m');
    throw e;
  }
}
