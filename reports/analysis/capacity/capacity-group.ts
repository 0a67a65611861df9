import { RunDirError } from '../../../core/errors.js';
import type { RunData } from '../../../core/run-dir/run-data.js';
import { stepsOfRun, type StepMeasurement, type StepOptions } from './capacity-step.js';
import { latencyCurve, sloCapacity, type LatencyCurve, type SloCapacity } from './slo-capacity.js';
import { summariseUsl, type FitRules, type UslSummary } from './usl-summary.js';

/** The runs measured at one instance count (or one value of a swept setting). */
export interface GroupInput {
  label: string;
  /** The instance count, or the swept setting's value: the x of the fit across the sweep. */
  instances: number;
  runs: readonly RunData[];
  /** Why the measurement stopped before its last planned step, if it did. */
  stoppedEarly?: string;
}

export interface CapacityGroup {
  label: string;
  instances: number;
  model: 'closed' | 'open';
  /** In load order. */
  steps: StepMeasurement[];
  /** The USL over the steps' concurrency and goodput; null when it cannot be fitted. */
  usl: UslSummary | null;
  slo: SloCapacity;
  latencyCurve: LatencyCurve;
  stoppedEarly: string | null;
}

export function analyseGroup(input: GroupInput, step: StepOptions, rules: FitRules): CapacityGroup {
  const steps = input.runs
    .flatMap((run) => stepsOfRun(run, step))
    .sort((a, b) => a.level - b.level || a.fromT - b.fromT);
  const models = new Set(steps.map((s) => s.model));
  if (models.size > 1) {
    throw new RunDirError(
      input.runs[0]?.meta.id ?? input.label,
      `${input.label}: its runs mix closed-model (VUs) and open-model (arrival rate) steps`,
      'analyse the runs of one load model together',
    );
  }
  // Goodput: requests that failed fast must not pass for scalability.
  const points = steps.map((s) => ({
    n: s.concurrency,
    x: s.throughputPerSec * (1 - s.errorRate),
  }));
  return {
    label: input.label,
    instances: input.instances,
    model: steps[0]?.model ?? 'closed',
    steps,
    usl: summariseUsl(points, rules),
    slo: sloCapacity(steps, step.slo),
    latencyCurve: latencyCurve(steps),
    stoppedEarly: input.stoppedEarly ?? null,
  };
}
