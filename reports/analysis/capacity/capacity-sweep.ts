import type { CapacityGroup } from './capacity-group.js';
import { summariseUsl, type FitRules, type UslSummary } from './usl-summary.js';

/** One instance count of a sweep, against the smallest count measured. */
export interface SweepRow {
  label: string;
  instances: number;
  /** Highest throughput within the SLO (null: never met). */
  sloPerSec: number | null;
  /** Highest throughput measured at any step. */
  peakMeasuredPerSec: number;
  /** sloPerSec over the smallest count's sloPerSec. */
  gain: number | null;
  /** gain over the ratio of instance counts: 1 is linear scaling. */
  efficiency: number | null;
}

export interface SweepAnalysis {
  /** What was swept: `replicas`, or a target setting such as `env.WORKERS`. */
  setting: string;
  rows: SweepRow[];
  /** The USL across instance counts (x = instances, y = throughput within the SLO). */
  usl: UslSummary | null;
}

export function analyseSweep(
  setting: string,
  groups: readonly CapacityGroup[],
  rules: FitRules,
): SweepAnalysis {
  const sorted = [...groups].sort((a, b) => a.instances - b.instances);
  const base = sorted.find((g) => g.slo.perSec !== null);
  const rows = sorted.map((g): SweepRow => {
    const gain = base && g.slo.perSec !== null ? g.slo.perSec / (base.slo.perSec as number) : null;
    return {
      label: g.label,
      instances: g.instances,
      sloPerSec: g.slo.perSec,
      peakMeasuredPerSec: Math.max(0, ...g.steps.map((s) => s.throughputPerSec)),
      gain,
      efficiency: gain !== null && base ? gain / (g.instances / base.instances) : null,
    };
  });
  const points = rows.flatMap((r) =>
    r.sloPerSec !== null ? [{ n: r.instances, x: r.sloPerSec }] : [],
  );
  return { setting, rows, usl: summariseUsl(points, rules, 'instance counts') };
}
