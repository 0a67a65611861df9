import { mkdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import {
  stepsOfRun,
  type StepMeasurement,
} from '../../../reports/analysis/capacity/capacity-step.js';
import { earlyStopReason } from '../../../reports/analysis/capacity/early-stop.js';
import type { Slo } from '../../../reports/analysis/capacity/slo.js';
import type { Scenario } from '../../../scenarios/scenario.js';
import { resolveTarget } from '../../../targets/registry.js';
import type { ProgressListener } from '../../progress/progress-listener.js';
import { providerFor } from '../../providers/index.js';
import type { RunningTarget } from '../../providers/provider.js';
import { TargetError } from '../../../core/errors.js';
import { runScenario } from '../run-scenario.js';
import { writeManifest, type CapacityManifest } from './capacity-manifest.js';
import { StepController } from './step-controller.js';
import { stepName, stepProfile, type StepPlan } from './step-plan.js';

/** A setting of the target measured at several values: replicas, or any numeric target field. */
export interface SweepPlan {
  /** `replicas`, `env.WORKERS`, `resources.cpus`... */
  setting: string;
  values: number[];
  /** The scenario with its target set to `value`. */
  apply(scenario: Scenario, value: number, targetFlag?: string): Scenario;
}

export interface MeasureOptions {
  scenario: Scenario;
  /** Where the scenario came from (engines that run out of process need it). */
  scenarioFile?: string;
  /** `--target`: replaces the scenario's target. */
  targetFlag?: string;
  plan: StepPlan;
  slo: Slo;
  sweep: SweepPlan | null;
  /** The folder that receives the step runs and capacity-runs.json. */
  dir: string;
  engine: string;
  interrupt: AbortSignal;
  /** A fresh printer for each step run. */
  progress: () => ProgressListener;
  /** One status line (which step, why it stopped). */
  say: (line: string) => void;
  cwd: string;
  /** The manifest's fixed part: SLO, target rate, headroom as given. */
  manifest: Pick<CapacityManifest, 'slo' | 'maxErrorRate' | 'targetRatePerSec' | 'headroom'>;
}

export interface MeasureOutcome {
  manifest: CapacityManifest;
  interrupted: boolean;
  /** Set when the target died or could not start: the steps before it are kept. */
  targetFailure?: string;
}

/**
 * Runs the steps on one target kept up throughout (per sweep value, a target of its own), one
 * run directory per step, each held until steady or its time is up, and stops a group early
 * once the SLO has clearly broken and throughput stopped rising.
 */
export async function measureCapacity(opts: MeasureOptions): Promise<MeasureOutcome> {
  const { plan } = opts;
  const manifest: CapacityManifest = {
    schemaVersion: 1,
    scenario: opts.scenario.name,
    ...(opts.scenarioFile !== undefined ? { scenarioFile: opts.scenarioFile } : {}),
    ...opts.manifest,
    plan: {
      model: plan.model,
      levels: plan.levels,
      stepDurationMs: plan.stepDurationMs,
      steadiness: plan.steadiness,
      measureSeconds: plan.measureSeconds,
    },
    sweep: opts.sweep ? { setting: opts.sweep.setting, values: opts.sweep.values } : null,
    groups: [],
  };
  mkdirSync(opts.dir, { recursive: true });
  writeManifest(opts.dir, manifest);
  const values: (number | null)[] = opts.sweep ? opts.sweep.values : [null];
  for (const value of values) {
    const scenario =
      value === null || !opts.sweep
        ? opts.scenario
        : opts.sweep.apply(opts.scenario, value, opts.targetFlag);
    const label =
      value === null || !opts.sweep ? 'one instance' : `${opts.sweep.setting} = ${value}`;
    const group: CapacityManifest['groups'][number] = {
      label,
      instances: value ?? 1,
      runs: [],
      stoppedEarly: null,
    };
    manifest.groups.push(group);
    // Named after the capacity folder too: a container target's labels take the run id from it.
    const groupDir = join(
      opts.dir,
      `${basename(opts.dir)}-${value === null ? 'steps' : slug(`${opts.sweep?.setting}-${value}`)}`,
    );
    if (opts.sweep) opts.say(`── ${label} ──`);
    const result = await measureGroup(opts, scenario, groupDir, group, manifest, value !== null);
    if (result.interrupted || result.targetFailure) return { manifest, ...result };
  }
  return { manifest, interrupted: false };
}

async function measureGroup(
  opts: MeasureOptions,
  scenario: Scenario,
  groupDir: string,
  group: CapacityManifest['groups'][number],
  manifest: CapacityManifest,
  swept: boolean,
): Promise<{ interrupted: boolean; targetFailure?: string }> {
  const { plan } = opts;
  mkdirSync(groupDir, { recursive: true });
  // A swept scenario carries its own target; otherwise --target replaces the scenario's.
  const spec = resolveTarget(swept ? scenario.target : (opts.targetFlag ?? scenario.target));
  let target: RunningTarget;
  try {
    target = await providerFor(spec).start(spec, {
      logFile: join(groupDir, 'target.log'),
      signal: opts.interrupt,
    });
  } catch (e) {
    // Later in a sweep, what the earlier counts measured is still worth its report.
    const measuredBefore = manifest.groups.some((g) => g.runs.length > 0);
    if (!(e instanceof TargetError) || !measuredBefore) throw e;
    group.stoppedEarly = `the target did not start: ${e.message}`;
    writeManifest(opts.dir, manifest);
    return { interrupted: false, targetFailure: group.stoppedEarly };
  }
  const steps: StepMeasurement[] = [];
  try {
    for (const [i, level] of plan.levels.entries()) {
      if (opts.interrupt.aborted) return { interrupted: true };
      const name = stepName(plan, i, level);
      opts.say(
        `step ${i + 1}/${plan.levels.length}: ${level} ${plan.model === 'closed' ? 'VUs' : 'iterations/s'}`,
      );
      const controller = new StepController(opts.progress(), plan.steadiness, plan.measureSeconds);
      const outcome = await runScenario({
        scenario: {
          ...scenario,
          name: `${opts.scenario.name}-${name}`,
          target: spec,
          profile: stepProfile(plan, level),
          // The target stays up between steps: it is warm after the first one.
          warmupMs: i === 0 ? scenario.warmupMs : 0,
        },
        ...(opts.scenarioFile !== undefined ? { scenarioFile: opts.scenarioFile } : {}),
        outDir: groupDir,
        engine: opts.engine,
        failOn: 'never',
        interrupt: opts.interrupt,
        progress: controller,
        cwd: opts.cwd,
        runningTarget: target,
        endLoad: controller.signal,
      });
      group.runs.push(relative(opts.dir, outcome.dir));
      writeManifest(opts.dir, manifest);
      if (outcome.run.meta.status === 'interrupted') return { interrupted: true };
      if (outcome.run.meta.status === 'error') {
        group.stoppedEarly = outcome.run.meta.error?.message ?? 'the step run ended in an error';
        writeManifest(opts.dir, manifest);
        return { interrupted: false, targetFailure: group.stoppedEarly };
      }
      steps.push(...stepsOfRun(outcome.run, { slo: opts.slo, steadiness: plan.steadiness }));
      const reason = earlyStopReason(steps, opts.slo);
      if (reason && i < plan.levels.length - 1) {
        group.stoppedEarly = reason;
        writeManifest(opts.dir, manifest);
        opts.say(`stopping early: ${reason}`);
        break;
      }
    }
  } finally {
    await target.stop();
  }
  return { interrupted: false };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
