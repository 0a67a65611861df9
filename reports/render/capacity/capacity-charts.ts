import type { CapacityAnalysis } from '../../analysis/capacity/analyse-capacity.js';
import type { CapacityGroup } from '../../analysis/capacity/capacity-group.js';
import type { SweepAnalysis } from '../../analysis/capacity/capacity-sweep.js';
import { sloLabel, type Slo } from '../../analysis/capacity/slo.js';
import { uslThroughput } from '../../analysis/capacity/usl.js';

/** A chart with a numeric x axis, drawn by capacity-charts.js with uPlot. */
export interface XyChart {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  series: {
    label: string;
    values: (number | null)[];
    style: 'points' | 'line' | 'dash' | 'band';
    color: string;
  }[];
  /** Indices (1-based, uPlot's) of the high and low series filled between. */
  band?: [number, number];
}

const BLUE = '#2563eb';
const GREY = '#64748b';
const RED = '#b91c1c';
const GREEN = '#15803d';

/** Aligns named point sets on one sorted x axis (uPlot's data layout), nulls elsewhere. */
function aligned(sets: { xs: readonly number[]; ys: readonly number[] }[]): {
  x: number[];
  values: (number | null)[][];
} {
  const x = [...new Set(sets.flatMap((s) => s.xs.filter(Number.isFinite)))].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));
  const values = sets.map((s) => {
    const out: (number | null)[] = x.map(() => null);
    s.xs.forEach((xv, i) => {
      const at = index.get(xv);
      const y = s.ys[i];
      if (at !== undefined && y !== undefined && Number.isFinite(y)) out[at] = y;
    });
    return out;
  });
  return { x, values };
}

/** Throughput against N: the steps, the fitted curve and its bootstrap band. */
export function uslChart(g: CapacityGroup, id: string, nLabel: string): XyChart | undefined {
  if (g.steps.length === 0) return undefined;
  const measured = {
    xs: g.steps.map((s) => s.concurrency),
    ys: g.steps.map((s) => s.throughputPerSec * (1 - s.errorRate)),
  };
  const sets = [measured];
  if (g.usl) {
    const u = g.usl;
    sets.push({ xs: u.band.n, ys: u.band.n.map((n) => uslThroughput(u.params, n)) });
    sets.push({ xs: u.band.n, ys: u.band.high }, { xs: u.band.n, ys: u.band.low });
  }
  const { x, values } = aligned(sets);
  const chart: XyChart = {
    id,
    title: `Throughput against ${nLabel}${g.usl ? ', USL fit and 95 % band' : ''}`,
    xLabel: nLabel,
    yLabel: 'req/s (succeeded)',
    x,
    series: [
      { label: 'measured', values: values[0] as (number | null)[], style: 'points', color: BLUE },
    ],
  };
  if (g.usl) {
    chart.series.push(
      { label: 'USL fit', values: values[1] as (number | null)[], style: 'line', color: GREY },
      { label: 'band high', values: values[2] as (number | null)[], style: 'band', color: GREY },
      { label: 'band low', values: values[3] as (number | null)[], style: 'band', color: GREY },
    );
    chart.band = [3, 4];
  }
  return chart;
}

/** The SLO statistic against throughput: steps, the monotone curve, the SLO line. */
export function latencyChart(g: CapacityGroup, slo: Slo, id: string): XyChart | undefined {
  if (g.steps.length === 0) return undefined;
  const steps = { xs: g.steps.map((s) => s.throughputPerSec), ys: g.steps.map((s) => s.sloValue) };
  const curve = { xs: g.latencyCurve.throughput, ys: g.latencyCurve.value };
  const { x, values } = aligned([steps, curve]);
  return {
    id,
    title: `${sloLabel(slo)} against throughput, with the SLO`,
    xLabel: 'req/s',
    yLabel: `${sloLabel(slo)} (ms)`,
    x,
    series: [
      { label: 'measured', values: values[0] as (number | null)[], style: 'points', color: BLUE },
      {
        label: 'monotone interpolation',
        values: values[1] as (number | null)[],
        style: 'line',
        color: GREY,
      },
      { label: `SLO ${slo.source}`, values: x.map(() => slo.limit), style: 'dash', color: RED },
    ],
  };
}

/** Throughput within the SLO per instance count, against linear scaling from the smallest. */
export function sweepChart(s: SweepAnalysis): XyChart | undefined {
  const rows = s.rows.filter((r) => r.sloPerSec !== null);
  const base = rows[0];
  if (!base) return undefined;
  const xs = rows.map((r) => r.instances);
  const { x, values } = aligned([
    { xs, ys: rows.map((r) => r.sloPerSec as number) },
    { xs, ys: rows.map((r) => ((base.sloPerSec as number) * r.instances) / base.instances) },
  ]);
  return {
    id: 'sweep',
    title: `Throughput within the SLO against ${s.setting}`,
    xLabel: s.setting,
    yLabel: 'req/s within the SLO',
    x,
    series: [
      { label: 'measured', values: values[0] as (number | null)[], style: 'points', color: GREEN },
      {
        label: 'linear scaling',
        values: values[1] as (number | null)[],
        style: 'dash',
        color: GREY,
      },
    ],
  };
}

export function capacityCharts(a: CapacityAnalysis): { group: number; charts: XyChart[] }[] {
  return a.groups.map((g, i) => ({
    group: i,
    charts: [
      uslChart(g, `usl-${i}`, g.model === 'closed' ? 'VUs (N)' : 'requests in flight (N = X·R)'),
      latencyChart(g, a.slo, `latency-${i}`),
    ].filter((c): c is XyChart => c !== undefined),
  }));
}
