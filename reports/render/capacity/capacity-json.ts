import {
  CAPACITY_SCHEMA_VERSION,
  type CapacityAnalysis,
} from '../../analysis/capacity/analyse-capacity.js';
import type { CapacityGroup } from '../../analysis/capacity/capacity-group.js';
import { sloLabel } from '../../analysis/capacity/slo.js';
import type { UslSummary } from '../../analysis/capacity/usl-summary.js';

/**
 * capacity.json, schema version 1 (docs/capacity-format.md). Fields are only ever added within
 * a version. Numbers that are unbounded or were not measured (an infinite peak, a missing
 * server series) are null.
 */
export function toCapacityJson(a: CapacityAnalysis): unknown {
  return {
    schemaVersion: CAPACITY_SCHEMA_VERSION,
    scenario: a.scenario,
    target: a.target,
    host: a.host ? { cpus: a.host.cpus, cpuModel: a.host.cpuModel } : null,
    slo: {
      expression: a.slo.source,
      metric: a.slo.selector.metric,
      tags: a.slo.selector.tags,
      statistic: sloLabel(a.slo),
      comparator: a.slo.comparator,
      limit: a.slo.limit,
      maxErrorRate: a.slo.maxErrorRate,
    },
    targetRatePerSec: a.targetRatePerSec,
    headroom: a.headroom,
    method: {
      steadiness: a.steadiness,
      fit: a.fit,
      sloModel:
        'monotone cubic interpolation (Fritsch–Carlson) of the SLO statistic against throughput, rising branch only',
    },
    answer: a.answer,
    groups: a.groups.map(group),
    sweep: a.sweep ? { ...a.sweep, usl: a.sweep.usl ? usl(a.sweep.usl) : null } : null,
    notes: a.notes,
  };
}

/** The JSON text: non-finite numbers become null (JSON has no Infinity). */
export function renderCapacityJson(a: CapacityAnalysis): string {
  return (
    JSON.stringify(
      toCapacityJson(a),
      (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
      2,
    ) + '\n'
  );
}

function group(g: CapacityGroup): unknown {
  return {
    label: g.label,
    instances: g.instances,
    model: g.model,
    stoppedEarly: g.stoppedEarly,
    sloCapacity: g.slo,
    usl: g.usl ? usl(g.usl) : null,
    latencyCurve: g.latencyCurve,
    steps: g.steps,
  };
}

function usl(u: UslSummary): unknown {
  const { params: _params, ...rest } = u;
  return rest;
}
