import type { Ms } from '../../../core/duration.js';
import type { SteadinessRule } from '../../../reports/analysis/capacity/steadiness.js';
import { constantRate, soak, type Profile } from '../../../scenarios/profile.js';

/** What a stepped measurement offers: VU counts (closed model) or arrival rates (open model). */
export interface StepPlan {
  model: 'closed' | 'open';
  /** VUs or iterations per second, in the order they are run (rising). */
  levels: number[];
  /** The longest a step is held when it never settles. */
  stepDurationMs: Ms;
  steadiness: SteadinessRule;
  /** Seconds measured after a step has settled before it may end. */
  measureSeconds: number;
}

/** One step's load: a constant level for up to the step's duration (ended early once steady). */
export function stepProfile(plan: StepPlan, level: number): Profile {
  return plan.model === 'closed'
    ? soak({ vus: level, duration: plan.stepDurationMs })
    : constantRate({ rate: level, duration: plan.stepDurationMs });
}

/** `03-8vus` or `03-120rps`: a step run's name, sortable within its folder. */
export function stepName(plan: StepPlan, index: number, level: number): string {
  const n = String(index + 1).padStart(2, '0');
  return `step-${n}-${level}${plan.model === 'closed' ? 'vus' : 'rps'}`;
}
