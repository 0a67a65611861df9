import { resolve } from 'node:path';
import { renderConsoleSummary } from '../../../reports/index.js';
import { parseDuration, DurationSyntaxError } from '../../../scenarios/duration.js';
import { UsageError } from '../../errors.js';
import { runScenario } from '../../lifecycle/run-scenario.js';
import { loadScenario } from '../../loader/load-scenario.js';
import { ProgressPrinter } from '../../progress/progress-printer.js';
import { interruptOnSignals } from '../interrupt.js';

export interface RunCommandOptions {
  target?: string;
  out: string;
  duration?: string;
  engine: string;
  color: boolean;
}

/** Loads a scenario file, runs it, prints the summary and the report path; returns the exit code. */
export async function runCommand(file: string, opts: RunCommandOptions): Promise<number> {
  const durationMs = opts.duration === undefined ? undefined : parseDurationFlag(opts.duration);
  const scenario = await loadScenario(file);
  const interrupt = interruptOnSignals();
  try {
    const outcome = await runScenario({
      scenario,
      scenarioFile: file,
      ...(opts.target !== undefined ? { target: opts.target } : {}),
      outDir: resolve(opts.out),
      ...(durationMs !== undefined ? { durationMs } : {}),
      engine: opts.engine,
      interrupt: interrupt.signal,
      progress: new ProgressPrinter(process.stderr),
      cwd: process.cwd(),
    });
    process.stdout.write(
      '\n' + renderConsoleSummary(outcome.run, outcome.analysis, { color: opts.color }) + '\n',
    );
    process.stdout.write(`\nreport: ${outcome.reportPath}\n`);
    return outcome.exitCode;
  } finally {
    interrupt.dispose();
  }
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
