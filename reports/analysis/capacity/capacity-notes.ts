import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { stepLabel } from './capacity-answer.js';
import type { CapacityGroup } from './capacity-group.js';
import { percent, plainNumber as num } from './plain-number.js';
import { sloLabel, type Slo } from './slo.js';

/** What a reader must know to trust (or distrust) the figures: method, machine, flagged steps. */
export function capacityNotes(
  groups: readonly CapacityGroup[],
  slo: Slo,
  meta: RunMeta | undefined,
): string[] {
  const notes = [
    `The USL predicts mean latency (by Little's law), not a percentile: ${sloLabel(slo)} against throughput is a monotone cubic interpolation (Fritsch–Carlson) through the measured steps on the rising branch, never extrapolated.`,
  ];
  if (meta && meta.target.provider !== 'external') {
    notes.push(
      `The load generator ran on the same ${meta.host.cpus}-core machine as the target (${meta.target.provider}): under high load they compete for CPU, so throughput at the top steps is a lower bound of what the target alone could do.`,
    );
  }
  for (const g of groups) {
    const at = (indices: number[]): string => indices.map((i) => stepLabel(g, i)).join(', ');
    const prefix = groups.length > 1 ? `${g.label}: ` : '';
    const little = g.steps.flatMap((s, i) => (s.littlesLaw && !s.littlesLaw.ok ? [i] : []));
    if (little.length > 0) {
      const worst = little.map((i) => g.steps[i]?.littlesLaw?.ratio ?? 1);
      notes.push(
        `${prefix}Little's law fails at ${at(little)}: throughput × iteration time accounts for ${worst.map((r) => percent(r)).join(', ')} of the VUs, so something outside the target (the generator, think time not counted, the network) limited those steps.`,
      );
    }
    const unsteady = g.steps.flatMap((s, i) => (s.kind === 'hold' && !s.steady ? [i] : []));
    if (unsteady.length > 0) {
      notes.push(
        `${prefix}Never steady (throughput CV above the bound in every window): ${at(unsteady)}; measured over the second half of each hold.`,
      );
    }
    if (g.steps.some((s) => s.kind === 'ramp-slice')) {
      notes.push(
        `${prefix}The run ramps without holding (a breakpoint run): each step is a ${num(g.steps[0]?.holdSeconds ?? 0)} s slice of the ramp, never steady by design.`,
      );
    }
    const unreliable = g.steps.flatMap((s, i) => (s.generatorReliable === false ? [i] : []));
    if (unreliable.length > 0) {
      notes.push(
        `${prefix}The generator reported it could not keep its schedule in the run of ${at(unreliable)} (see each run's report): those figures partly measure loadrig itself.`,
      );
    }
    if (g.model === 'open') {
      notes.push(
        `${prefix}Open model: the USL's N is the requests in flight, X·R by Little's law.`,
      );
    }
    if (g.usl && g.usl.params.kappa === 0) {
      notes.push(
        `${prefix}The fit found no crosstalk (κ = 0): throughput has no peak and X_max is the Amdahl asymptote λ/σ, approached, never reached.`,
      );
    }
    if (g.slo.metAgainAfterBreak.length > 0) {
      notes.push(
        `${prefix}${at(g.slo.metAgainAfterBreak)} met the SLO again after ${stepLabel(g, g.slo.firstBroken ?? 0)} broke it; the answer stops at the first break.`,
      );
    }
    if (g.stoppedEarly) notes.push(`${prefix}Stopped early: ${g.stoppedEarly}.`);
  }
  return notes;
}
