import type { CapacityAnalysis } from '../../analysis/capacity/analyse-capacity.js';
import { percent, plainNumber } from '../../analysis/capacity/plain-number.js';
import { STEP_HEADERS, stepRows, sweepRows, uslFacts } from './capacity-rows.js';
import { capacityCharts, sweepChart, type XyChart } from './capacity-charts.js';

/** Everything capacity.hbs prints, as plain strings and lists; the charts as data. */
export function capacityView(a: CapacityAnalysis) {
  const chartsByGroup = capacityCharts(a);
  const sweep = a.sweep ? sweepChart(a.sweep) : undefined;
  const charts: XyChart[] = [...chartsByGroup.flatMap((c) => c.charts), ...(sweep ? [sweep] : [])];
  return {
    title: `loadrig capacity: ${a.scenario}`,
    tone: a.answer.status === 'answered' ? 'pass' : 'fail',
    verdict: a.answer.status === 'answered' ? 'ANSWER' : 'SLO NOT MET',
    sentence: a.answer.sentence,
    assumptions: a.answer.assumptions,
    facts: [
      { label: 'Scenario', value: a.scenario },
      { label: 'Target', value: `${a.target.name} (${a.target.provider})` },
      { label: 'SLO', value: `${a.slo.source}, errors ≤ ${percent(a.slo.maxErrorRate)}` },
      {
        label: 'Target rate',
        value: a.targetRatePerSec === null ? '–' : `${plainNumber(a.targetRatePerSec)} req/s`,
      },
      { label: 'Headroom', value: percent(a.headroom) },
      ...(a.host ? [{ label: 'Machine', value: `${a.host.cpus} cores, ${a.host.cpuModel}` }] : []),
      {
        label: 'Steady when',
        value: `throughput CV ≤ ${a.steadiness.cvBound} (or 1.5/√mean) over ${a.steadiness.windowSeconds} s`,
      },
      {
        label: 'Extrapolation',
        value: `only with R² ≥ ${a.fit.minRSquared} and ≥ ${a.fit.minSteps} points`,
      },
    ],
    stepHeaders: STEP_HEADERS,
    groups: a.groups.map((g, i) => ({
      label: a.groups.length > 1 ? g.label : 'Steps',
      stoppedEarly: g.stoppedEarly,
      rows: stepRows(g, a.slo),
      usl: g.usl ? uslFacts(g.usl) : null,
      refusal: g.usl?.refusal ?? (g.usl ? null : 'no fit: fewer than three distinct concurrencies'),
      charts: (chartsByGroup[i]?.charts ?? []).map((c) => ({ id: c.id, title: c.title })),
    })),
    sweep: a.sweep
      ? {
          setting: a.sweep.setting,
          rows: sweepRows(a.sweep),
          refusal: a.sweep.usl?.refusal ?? null,
          usl: a.sweep.usl ? uslFacts(a.sweep.usl) : null,
          chart: sweep ? { id: sweep.id, title: sweep.title } : null,
        }
      : null,
    notes: a.notes,
    chartData: { charts },
  };
}
