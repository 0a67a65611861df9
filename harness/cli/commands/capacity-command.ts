import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../../core/errors.js';
import { EXIT } from '../../../core/exit-codes.js';
import { readRun } from '../../../core/run-dir/read-run.js';
import { runId } from '../../../core/run-dir/run-files.js';
import {
  analyseCapacity,
  type CapacityAnalysis,
  type CapacityInput,
} from '../../../reports/analysis/capacity/analyse-capacity.js';
import { DEFAULT_MAX_ERROR_RATE, parseSlo } from '../../../reports/analysis/capacity/slo.js';
import { DEFAULT_STEADINESS } from '../../../reports/analysis/capacity/steadiness.js';
import {
  capacityFormats,
  type CapacityFormatName,
} from '../../../reports/render/capacity/capacity-formats.js';
import { hasManifest, readManifest } from '../../lifecycle/capacity/capacity-manifest.js';
import { measureCapacity, type SweepPlan } from '../../lifecycle/capacity/measure-capacity.js';
import { loadScenario } from '../../loader/load-scenario.js';
import { ProgressPrinter } from '../../progress/progress-printer.js';
import { interruptOnSignals } from '../interrupt.js';
import {
  fitRulesFromFlags,
  numberFlag,
  stepPlanFromFlags,
  steadinessFlags,
  type CapacityFlags,
} from './capacity-flags.js';
import { dirWriter } from './report-command.js';
import { replicasSweep, settingSweep } from './sweep-flags.js';

const DEFAULT_HEADROOM = 0.3;

/**
 * `loadrig capacity`: measures steps of load on one instance (or one per swept setting), or
 * analyses runs already made (`--from`), fits the USL and answers in instances. Exit code 0 with
 * an answer, 1 when no measured step met the SLO, 2 for bad input, 3 when the target failed,
 * 130 when interrupted (what was measured is analysed and written first).
 */
export async function capacityCommand(
  file: string | undefined,
  flags: CapacityFlags,
): Promise<number> {
  const formats = formatsFlag(flags.format);
  if (flags.from !== undefined) {
    if (file !== undefined) {
      throw new UsageError('give a scenario file to measure, or --from <dir> to analyse, not both');
    }
    return analyseFrom(resolve(flags.from), flags, formats);
  }
  if (file === undefined) {
    throw new UsageError(
      'loadrig capacity needs a scenario file to measure, or --from <run-dir> to analyse',
      "e.g. loadrig capacity api.ts --slo 'p(99)<300' --target-rate 3000",
    );
  }
  const slo = parseSlo(requiredSlo(flags), maxErrorRate(flags));
  const plan = stepPlanFromFlags(flags);
  const fit = fitRulesFromFlags(flags);
  const targetRatePerSec = targetRate(flags);
  const headroom = headroomOf(flags);
  const sweep = sweepOf(flags);
  const scenario = await loadScenario(file);
  const dir = join(resolve(flags.runs ?? 'runs'), runId(new Date(), `capacity-${scenario.name}`));
  const interrupt = interruptOnSignals();
  try {
    const outcome = await measureCapacity({
      scenario,
      scenarioFile: file,
      ...(flags.target !== undefined ? { targetFlag: flags.target } : {}),
      plan,
      slo,
      sweep,
      dir,
      engine: flags.engine ?? 'builtin',
      interrupt: interrupt.signal,
      progress: () => new ProgressPrinter(process.stderr),
      say: (line) => process.stderr.write(`\n${line}\n`),
      cwd: process.cwd(),
      manifest: { slo: slo.source, maxErrorRate: slo.maxErrorRate, targetRatePerSec, headroom },
    });
    const analysis = analyseCapacity({
      scenario: scenario.name,
      groups: outcome.manifest.groups.map((g) => ({
        label: g.label,
        instances: g.instances,
        runs: g.runs.map((r) => readRun(join(dir, r))),
        ...(g.stoppedEarly ? { stoppedEarly: g.stoppedEarly } : {}),
      })),
      sweepSetting: sweep?.setting ?? null,
      slo,
      targetRatePerSec,
      headroom,
      steadiness: plan.steadiness,
      fit,
    });
    report(dir, analysis, formats);
    if (outcome.interrupted) return EXIT.interrupted;
    if (outcome.targetFailure) {
      process.stderr.write(`the target failed: ${outcome.targetFailure}\n`);
      return EXIT.target;
    }
    return exitFor(analysis);
  } finally {
    interrupt.dispose();
  }
}

/** `--from`: a capacity folder (capacity-runs.json) or one run directory (a stress or breakpoint run). */
function analyseFrom(from: string, flags: CapacityFlags, formats: CapacityFormatName[]): number {
  if (!existsSync(from)) {
    throw new UsageError(
      `--from ${from}: no such directory`,
      'pass a run directory or a capacity folder',
    );
  }
  const steadiness = steadinessFlags(flags);
  let input: CapacityInput;
  if (hasManifest(from)) {
    const m = readManifest(from);
    input = {
      scenario: m.scenario,
      groups: m.groups.map((g) => ({
        label: g.label,
        instances: g.instances,
        runs: g.runs.map((r) => readRun(join(from, r))),
        ...(g.stoppedEarly ? { stoppedEarly: g.stoppedEarly } : {}),
      })),
      sweepSetting: m.sweep?.setting ?? null,
      slo: parseSlo(
        flags.slo ?? m.slo,
        flags.maxErrorRate === undefined ? m.maxErrorRate : maxErrorRate(flags),
      ),
      targetRatePerSec: flags.targetRate === undefined ? m.targetRatePerSec : targetRate(flags),
      headroom: flags.headroom === undefined ? m.headroom : headroomOf(flags),
      steadiness: { ...m.plan.steadiness, ...steadiness },
      fit: fitRulesFromFlags(flags),
    };
  } else {
    const run = readRun(from);
    input = {
      groups: [{ label: 'one instance', instances: 1, runs: [run] }],
      sweepSetting: null,
      slo: parseSlo(requiredSlo(flags), maxErrorRate(flags)),
      targetRatePerSec: targetRate(flags),
      headroom: headroomOf(flags),
      steadiness: { ...DEFAULT_STEADINESS, ...steadiness },
      fit: fitRulesFromFlags(flags),
    };
  }
  const analysis = analyseCapacity(input);
  report(flags.output === undefined ? from : resolve(flags.output), analysis, formats);
  return exitFor(analysis);
}

function report(dir: string, analysis: CapacityAnalysis, formats: CapacityFormatName[]): void {
  const writer = dirWriter(dir);
  process.stdout.write(`\n${analysis.answer.sentence}\n\n`);
  for (const name of formats) {
    const format = capacityFormats[name];
    process.stdout.write(`${name}: ${writer.writeOutput(format.file, format.render(analysis))}\n`);
  }
}

function exitFor(analysis: CapacityAnalysis): number {
  return analysis.answer.status === 'answered' ? EXIT.ok : EXIT.failed;
}

function requiredSlo(flags: CapacityFlags): string {
  if (flags.slo === undefined) {
    throw new UsageError(
      '--slo is required',
      "the latency objective per instance, e.g. --slo 'p(99)<300'",
    );
  }
  return flags.slo;
}

const maxErrorRate = (flags: CapacityFlags): number =>
  numberFlag(flags.maxErrorRate, '--max-error-rate', DEFAULT_MAX_ERROR_RATE, {
    min: 0,
    max: 1,
    example: '0.01',
  });

const headroomOf = (flags: CapacityFlags): number =>
  numberFlag(flags.headroom, '--headroom', DEFAULT_HEADROOM, { min: 0, max: 0.95, example: '0.3' });

function targetRate(flags: CapacityFlags): number | null {
  if (flags.targetRate === undefined) return null;
  return numberFlag(flags.targetRate, '--target-rate', 0, {
    min: 1e-9,
    max: 1e12,
    example: '3000',
  });
}

function sweepOf(flags: CapacityFlags): SweepPlan | null {
  if (flags.replicas !== undefined && flags.sweep !== undefined) {
    throw new UsageError(
      '--replicas and --sweep were both given',
      '--replicas 1,2,4 is --sweep over replica counts: pick one',
    );
  }
  if (flags.replicas !== undefined) return replicasSweep(flags.replicas);
  if (flags.sweep !== undefined) return settingSweep(flags.sweep);
  return null;
}

function formatsFlag(text: string | undefined): CapacityFormatName[] {
  const all = Object.keys(capacityFormats) as CapacityFormatName[];
  if (text === undefined) return all;
  const names = text.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !all.includes(n as CapacityFormatName));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--format ${text}: unknown format ${unknown.join(', ')}`,
      `choose from ${all.map((n) => `${n} (${capacityFormats[n].file})`).join(', ')}`,
    );
  }
  return names as CapacityFormatName[];
}
