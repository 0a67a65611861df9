import type { CapacityGroup } from './capacity-group.js';
import type { SweepAnalysis } from './capacity-sweep.js';
import { loadLabel, percent, plainNumber as num } from './plain-number.js';
import { sloLabel, type Slo } from './slo.js';
import { uslThroughput } from './usl.js';

/** The answer, in one sentence first, then the figures behind it. */
export interface CapacityAnswer {
  /** `slo-never-met`: no measured step met the SLO (exit code 1). */
  status: 'answered' | 'slo-never-met';
  sentence: string;
  /** Instances needed for the target rate (null without one, or when the SLO was never met). */
  instances: number | null;
  /** Highest throughput within the SLO on which the answer rests (per instance, or at `instances`). */
  sloPerSec: number | null;
  /** Throughput per instance to plan with: sloPerSec less the headroom. */
  planPerInstancePerSec: number | null;
  basis:
    | 'one-instance'
    | 'one-instance-linear'
    | 'sweep-measured'
    | 'sweep-usl'
    | 'sweep-beyond-linear'
    | 'sweep-usl-unreachable'
    | 'none';
  assumptions: string[];
}

export interface AnswerInput {
  groups: readonly CapacityGroup[];
  sweep: SweepAnalysis | null;
  slo: Slo;
  targetRatePerSec: number | null;
  headroom: number;
}

export function capacityAnswer(input: AnswerInput): CapacityAnswer {
  return input.sweep && input.groups.length > 1
    ? sweepAnswer(input, input.sweep)
    : oneInstance(input);
}

const within = (slo: Slo): string =>
  `${slo.source}${slo.selector.metric === 'http_req_duration' ? ' ms' : ''}`;
const room = (h: number): string => `${percent(h)} headroom`;

function oneInstance({
  groups,
  slo,
  targetRatePerSec: rate,
  headroom,
}: AnswerInput): CapacityAnswer {
  const g = groups[0];
  if (!g || g.slo.perSec === null) return neverMet(g, slo);
  const perSec = g.slo.perSec;
  const plan = perSec * (1 - headroom);
  const how = methodNote(g);
  if (rate === null) {
    return {
      status: 'answered',
      sentence: `One instance serves up to ${num(perSec)} req/s within ${within(slo)}; plan ${num(plan)} req/s per instance with ${room(headroom)} (${how}).`,
      instances: null,
      sloPerSec: perSec,
      planPerInstancePerSec: plan,
      basis: 'one-instance',
      assumptions: [],
    };
  }
  const instances = Math.max(1, Math.ceil(rate / plan));
  return {
    status: 'answered',
    sentence: `${instances} ${instances === 1 ? 'instance' : 'instances'} of this size serve ${num(rate)} req/s within ${within(slo)} with ${room(headroom)}: plan ${num(plan)} req/s per instance (one instance held the SLO up to ${num(perSec)} req/s; ${how}).`,
    instances,
    sloPerSec: perSec,
    planPerInstancePerSec: plan,
    basis: 'one-instance-linear',
    assumptions:
      instances > 1
        ? [
            `instances add capacity linearly (independent instances behind a balancer, no shared bottleneck); measure it with --replicas or --sweep`,
          ]
        : [],
  };
}

function sweepAnswer(input: AnswerInput, sweep: SweepAnalysis): CapacityAnswer {
  const { slo, targetRatePerSec: rate, headroom } = input;
  const rows = sweep.rows.filter((r) => r.sloPerSec !== null);
  if (rows.length === 0) return neverMet(input.groups[0], slo);
  const name = (v: number): string => `${sweep.setting} = ${v}`;
  if (rate === null) {
    const list = rows.map(
      (r) =>
        `${name(r.instances)} up to ${num(r.sloPerSec as number)} req/s${r.gain !== null && r !== rows[0] ? ` (${num(r.gain)}×)` : ''}`,
    );
    return {
      status: 'answered',
      sentence: `Within ${within(slo)}: ${list.join(', ')}; plan ${percent(1 - headroom)} of these with ${room(headroom)}.`,
      instances: null,
      sloPerSec: (rows.at(-1)?.sloPerSec as number) ?? null,
      planPerInstancePerSec: null,
      basis: 'sweep-measured',
      assumptions: [],
    };
  }
  const enough = rows.find((r) => (r.sloPerSec as number) * (1 - headroom) >= rate);
  if (enough) {
    const perSec = enough.sloPerSec as number;
    return {
      status: 'answered',
      sentence: `${name(enough.instances)} serves ${num(rate)} req/s within ${within(slo)} with ${room(headroom)}: measured up to ${num(perSec)} req/s there (plan ${num(perSec * (1 - headroom))}).`,
      instances: enough.instances,
      sloPerSec: perSec,
      planPerInstancePerSec: (perSec * (1 - headroom)) / enough.instances,
      basis: 'sweep-measured',
      assumptions: [],
    };
  }
  const top = rows.at(-1) as (typeof rows)[number];
  const usl = sweep.usl;
  if (usl?.extrapolate) {
    const peak = Math.min(usl.peakConcurrency.value, 100_000);
    for (let v = top.instances + 1; v <= peak; v++) {
      const x = uslThroughput(usl.params, v);
      if (x * (1 - headroom) >= rate) {
        return {
          status: 'answered',
          sentence: `${name(v)} serves ${num(rate)} req/s within ${within(slo)} with ${room(headroom)}, by the USL fitted across the sweep (R² ${usl.rSquared.toFixed(3)}; measured up to ${name(top.instances)}).`,
          instances: v,
          sloPerSec: x,
          planPerInstancePerSec: (x * (1 - headroom)) / v,
          basis: 'sweep-usl',
          assumptions: [
            `scaling beyond ${name(top.instances)} follows the USL fitted across the sweep`,
          ],
        };
      }
    }
    return {
      status: 'answered',
      sentence: `${num(rate)} req/s within ${within(slo)} with ${room(headroom)} is out of reach: the USL fitted across the sweep peaks at ${num(usl.peakThroughput.value)} req/s near ${name(Math.round(usl.peakConcurrency.value))}.`,
      instances: null,
      sloPerSec: usl.peakThroughput.value,
      planPerInstancePerSec: null,
      basis: 'sweep-usl-unreachable',
      assumptions: [],
    };
  }
  const perInstance = (top.sloPerSec as number) / top.instances;
  const v = Math.ceil(rate / (perInstance * (1 - headroom)));
  return {
    status: 'answered',
    sentence: `About ${name(v)} for ${num(rate)} req/s within ${within(slo)} with ${room(headroom)}: more than measured (up to ${name(top.instances)}, ${num(top.sloPerSec as number)} req/s), assuming each added instance gives what one gave at ${name(top.instances)} (${num(perInstance)} req/s).`,
    instances: v,
    sloPerSec: top.sloPerSec,
    planPerInstancePerSec: perInstance * (1 - headroom),
    basis: 'sweep-beyond-linear',
    assumptions: [
      `beyond ${name(top.instances)} each instance adds ${num(perInstance)} req/s; the USL across the sweep is not used (${usl?.refusal ?? `${rows.length} measured counts, too few to fit`})`,
    ],
  };
}

function methodNote(g: CapacityGroup): string {
  const label = (i: number | null): string => (i === null ? '?' : stepLabel(g, i));
  switch (g.slo.method) {
    case 'interpolated':
      return `interpolated between ${label(g.slo.lastMet)} and ${label(g.slo.firstBroken)}`;
    case 'last-step-met':
      return `reached at ${label(g.slo.lastMet)}; ${label(g.slo.firstBroken)} broke the SLO without more throughput`;
    case 'all-steps-met':
      return `every step met the SLO, so this is a lower bound: measure higher load`;
    case 'never-met':
      return 'no step met the SLO';
  }
}

/** `8 VUs` or `120/s`: how a step's load reads. */
export function stepLabel(g: CapacityGroup, index: number): string {
  const s = g.steps[index];
  if (!s) return '?';
  return loadLabel(s.model, s.level);
}

function neverMet(g: CapacityGroup | undefined, slo: Slo): CapacityAnswer {
  const first = g?.steps[0];
  const why = first
    ? `at the lowest load (${stepLabel(g as CapacityGroup, 0)}) ${sloLabel(slo)} was ${num(first.sloValue)}${first.errorRate > slo.maxErrorRate ? ` and ${percent(first.errorRate)} of requests failed` : ''}`
    : 'no step was measured';
  return {
    status: 'slo-never-met',
    sentence: `No measured step met ${within(slo)}: ${why}.`,
    instances: null,
    sloPerSec: null,
    planPerInstancePerSec: null,
    basis: 'none',
    assumptions: [],
  };
}
