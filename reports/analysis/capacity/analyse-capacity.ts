import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { capacityAnswer, type CapacityAnswer } from './capacity-answer.js';
import { analyseGroup, type CapacityGroup, type GroupInput } from './capacity-group.js';
import { capacityNotes } from './capacity-notes.js';
import { analyseSweep, type SweepAnalysis } from './capacity-sweep.js';
import type { Slo } from './slo.js';
import type { SteadinessRule } from './steadiness.js';
import type { FitRules } from './usl-summary.js';

export const CAPACITY_SCHEMA_VERSION = 1;

export interface CapacityInput {
  /** The scenario's name (default: the first run's, without a step run's suffix). */
  scenario?: string;
  groups: readonly GroupInput[];
  /** What differs between groups (`replicas`, `env.WORKERS`); null for one group. */
  sweepSetting: string | null;
  slo: Slo;
  targetRatePerSec: number | null;
  /** Share of capacity kept free, 0..1. */
  headroom: number;
  steadiness: SteadinessRule;
  fit: FitRules;
}

export interface CapacityAnalysis {
  scenario: string;
  target: { name: string; provider: string };
  host: RunMeta['host'] | null;
  slo: Slo;
  targetRatePerSec: number | null;
  headroom: number;
  steadiness: SteadinessRule;
  fit: FitRules;
  answer: CapacityAnswer;
  groups: CapacityGroup[];
  sweep: SweepAnalysis | null;
  notes: string[];
}

/** Run data in, the capacity answer out: no clock, no I/O, randomness only from the seed. */
export function analyseCapacity(input: CapacityInput): CapacityAnalysis {
  const groups = input.groups.map((g) => analyseGroup(g, input, input.fit));
  const sweep =
    input.sweepSetting !== null && groups.length > 1
      ? analyseSweep(input.sweepSetting, groups, input.fit)
      : null;
  const meta = input.groups[0]?.runs[0]?.meta;
  return {
    scenario: input.scenario ?? baseScenarioName(meta?.scenario.name ?? 'unknown'),
    target: { name: meta?.target.name ?? 'unknown', provider: meta?.target.provider ?? 'unknown' },
    host: meta?.host ?? null,
    slo: input.slo,
    targetRatePerSec: input.targetRatePerSec,
    headroom: input.headroom,
    steadiness: input.steadiness,
    fit: input.fit,
    answer: capacityAnswer({ ...input, groups, sweep }),
    groups,
    sweep,
    notes: capacityNotes(groups, input.slo, meta),
  };
}

/** Step runs are named `<scenario>-step-<n>-...`; the report speaks of the scenario. */
function baseScenarioName(name: string): string {
  return name.replace(/-step-\d+.*$/, '');
}
