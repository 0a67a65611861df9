import type { CapacityGroup } from '../../analysis/capacity/capacity-group.js';
import type { SweepAnalysis } from '../../analysis/capacity/capacity-sweep.js';
import { loadLabel, plainNumber } from '../../analysis/capacity/plain-number.js';
import { sloLabel, type Slo } from '../../analysis/capacity/slo.js';
import type { Estimate, UslSummary } from '../../analysis/capacity/usl-summary.js';
import { formatMs, formatPercent, trimFixed } from '../format.js';

/** The per-step table as text cells, shared by the HTML and Markdown renderers. Pure. */
export interface StepRow {
  step: string;
  n: string;
  offered: string;
  achieved: string;
  p50: string;
  p95: string;
  p99: string;
  slo: string;
  meets: boolean;
  errors: string;
  cpu: string;
  cpuPerRequest: string;
  eventLoop: string;
  littlesLaw: string;
  littlesLawOk: boolean;
  settled: string;
}

export const STEP_HEADERS = [
  'Step',
  'N',
  'Offered/s',
  'Achieved req/s',
  'p50',
  'p95',
  'p99',
  'SLO stat',
  'Errors',
  'Server CPU',
  'CPU ms/req',
  'Event loop',
  "Little's law",
  'Measured',
] as const;

const dash = (v: number | null, f: (x: number) => string): string =>
  v === null || !Number.isFinite(v) ? '–' : f(v);

export function stepRows(g: CapacityGroup, slo: Slo): StepRow[] {
  return g.steps.map((s) => ({
    step: loadLabel(s.model, s.level),
    n: trimFixed(s.concurrency, 2),
    offered: dash(s.offeredPerSec, plainNumber),
    achieved: plainNumber(s.throughputPerSec),
    p50: formatMs(s.latency.p50),
    p95: formatMs(s.latency.p95),
    p99: formatMs(s.latency.p99),
    slo: `${sloLabel(slo)} ${formatMs(s.sloValue)}`,
    meets: s.meetsSlo,
    errors: formatPercent(s.errorRate),
    cpu: dash(s.server.cpuPercent, (v) => `${trimFixed(v, 0)} %`),
    cpuPerRequest: dash(s.server.cpuMsPerRequest, (v) => trimFixed(v, 2)),
    eventLoop:
      [
        dash(s.server.eventLoopUtilisationPercent, (v) => `${trimFixed(v, 0)} %`),
        dash(s.server.eventLoopDelayP99Ms, (v) => `p99 ${formatMs(v)}`),
      ]
        .filter((x) => x !== '–')
        .join(', ') || '–',
    littlesLaw: s.littlesLaw ? `X·R/N ${trimFixed(s.littlesLaw.ratio, 2)}` : '–',
    littlesLawOk: s.littlesLaw?.ok ?? true,
    settled:
      s.kind === 'ramp-slice'
        ? `${s.measuredSeconds} s of ramp`
        : `${s.measuredSeconds} s${s.settleSeconds > 0 ? ` (${s.settleSeconds} s settling trimmed)` : ''}${s.steady ? '' : ', never steady'}`,
  }));
}

const est = (e: Estimate, digits = 4): string => {
  const f = (v: number): string =>
    Number.isFinite(v)
      ? Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumSignificantDigits: digits })
      : '∞';
  return `${f(e.value)} (${f(e.low)}–${f(e.high)})`;
};

/** The fit's figures as label/value pairs, intervals in brackets. */
export function uslFacts(u: UslSummary, xUnit = 'req/s'): { label: string; value: string }[] {
  return [
    { label: 'σ (contention)', value: est(u.sigma, 3) },
    { label: 'κ (crosstalk)', value: est(u.kappa, 3) },
    { label: 'λ (one worker)', value: `${est(u.lambda)} ${xUnit}` },
    { label: 'R²', value: trimFixed(u.rSquared, 4) },
    { label: 'N* = √((1−σ)/κ)', value: est(u.peakConcurrency) },
    { label: 'X_max = X(N*)', value: `${est(u.peakThroughput)} ${xUnit}` },
    { label: 'Amdahl limit λ/σ', value: `${est(u.amdahlLimit)} ${xUnit}` },
    {
      label: 'Intervals',
      value: `${Math.round(u.level * 100)} %, percentile bootstrap over ${u.points} points (${u.resamples} resamples)`,
    },
  ];
}

export interface SweepRowText {
  setting: string;
  slo: string;
  peak: string;
  gain: string;
  efficiency: string;
}

export function sweepRows(s: SweepAnalysis): SweepRowText[] {
  return s.rows.map((r) => ({
    setting: `${s.setting} = ${r.instances}`,
    slo: dash(r.sloPerSec, plainNumber),
    peak: plainNumber(r.peakMeasuredPerSec),
    gain: dash(r.gain, (v) => `${trimFixed(v, 2)}×`),
    efficiency: dash(r.efficiency, (v) => `${Math.round(v * 100)} %`),
  }));
}
