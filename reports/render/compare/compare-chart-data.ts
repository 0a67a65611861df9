import {
  combine,
  mergeMetric,
  trendPercentile,
  type MergedMetric,
} from '../../../core/series/merge.js';
import type { RunData } from '../../../core/run-dir/run-data.js';
import type { Comparison } from '../../analysis/compare/comparison.js';
import { METRICS } from '../../analysis/compare/compare-metrics.js';
import { sourceReader, type ServerSource } from '../../analysis/compare/server-sources.js';
import { steadyWindow } from '../../analysis/compare/steady-window.js';
import { downsampleMinMax } from '../downsample.js';
import { distributionPercentiles } from '../../analysis/latency-distribution.js';
import { buildTimeline } from '../../analysis/timeline.js';
import type { ChartUnit } from '../chart-data.js';

export interface CompareSeries {
  label: string;
  color: string;
  side: 'base' | 'candidate';
  values: (number | null)[];
}

/**
 * `elapsed`: x is seconds since each run's first second, so rounds of both sides overlay.
 * `percentile`: x is 1/(1 − p) on a log axis (the HDR percentile plot).
 */
export interface CompareChart {
  id: string;
  title: string;
  kind: 'elapsed' | 'percentile';
  unit: ChartUnit;
  x: number[];
  series: CompareSeries[];
}

/** Up to this many points per overlaid timeline; longer runs keep each bucket's min and max. */
const MAX_POINTS = 4000;
const BASE_COLORS = ['#2563eb', '#60a5fa', '#1e3a8a', '#93c5fd', '#3b82f6', '#1d4ed8'];
const CANDIDATE_COLORS = ['#ea580c', '#fb923c', '#9a3412', '#fdba74', '#f97316', '#c2410c'];

const SERVER_CHARTS: Record<ServerSource, { title: string; unit: ChartUnit; scale: number }> = {
  cpu: { title: 'Server CPU (% of one core)', unit: 'percent', scale: 0.1 },
  memory: { title: 'Server memory', unit: 'bytes', scale: 1 },
  eventLoopP99: { title: 'Event-loop delay p99 (ms)', unit: 'ms', scale: 1 },
  gcPause: { title: 'GC pause time per second (ms)', unit: 'ms', scale: 1 },
};

/**
 * What compare.html draws: each run's latency (p50, p99) and throughput per second, rounds of
 * both sides overlaid; the HDR percentile plot of each side over its steady seconds; and the
 * server series the comparison judged, side by side.
 */
export function compareChartData(
  c: Comparison,
  base: readonly RunData[],
  candidate: readonly RunData[],
): CompareChart[] {
  const runs = [
    ...base.map((run, i) => ({
      run,
      side: 'base' as const,
      i,
      color: BASE_COLORS[i % BASE_COLORS.length]!,
    })),
    ...candidate.map((run, i) => ({
      run,
      side: 'candidate' as const,
      i,
      color: CANDIDATE_COLORS[i % CANDIDATE_COLORS.length]!,
    })),
  ];
  const timelines = runs.map((r) => ({ ...r, timeline: buildTimeline({ ...r.run, server: [] }) }));
  const label = (side: string, i: number) => `${side} #${i + 1}`;
  const elapsed = (
    id: string,
    title: string,
    unit: ChartUnit,
    pick: (r: (typeof timelines)[number]) => (number | null)[],
  ): CompareChart => {
    const picked = timelines.map((r) => ({ r, values: pick(r) }));
    const length = Math.max(0, ...picked.map((p) => p.values.length));
    const grid = downsampleMinMax(
      {
        t: Array.from({ length }, (_, i) => i),
        series: picked.map((p) => Array.from({ length }, (_, i) => p.values[i] ?? null)),
      },
      MAX_POINTS,
    );
    return {
      id,
      title,
      kind: 'elapsed',
      unit,
      x: grid.t,
      series: picked.map((p, s) => ({
        label: label(p.r.side, p.r.i),
        color: p.r.color,
        side: p.r.side,
        values: grid.series[s]!.map(compact),
      })),
    };
  };
  const charts: CompareChart[] = [
    elapsed('chart-p50', 'Latency p50 per second', 'ms', (r) => r.timeline.p50),
    elapsed('chart-p99', 'Latency p99 per second', 'ms', (r) => r.timeline.p99),
    elapsed(
      'chart-throughput',
      'Throughput (requests per second)',
      'reqPerSec',
      (r) => r.timeline.reqPerSec,
    ),
  ];
  const distribution = distributionChart(base, candidate);
  if (distribution) charts.push(distribution);
  const compared = new Map<ServerSource, string>();
  for (const m of c.metrics) {
    const source = METRICS[m.stat].server;
    if (source && m.series !== undefined) compared.set(source, m.series);
  }
  for (const [kind, name] of compared) {
    const spec = SERVER_CHARTS[kind];
    charts.push(
      elapsed(`chart-server-${kind}`, spec.title, spec.unit, (r) => {
        const read = sourceReader(r.run.meta, kind, name);
        const samples = new Map(r.run.server.map((s) => [s.t, s.values]));
        return r.timeline.t.map((t) => {
          const v = samples.get(t);
          const x = v ? read(v) : NaN;
          return Number.isFinite(x) ? x * spec.scale : null;
        });
      }),
    );
  }
  return charts.filter((chart) => chart.series.some((s) => s.values.some((v) => v !== null)));
}

function distributionChart(
  base: readonly RunData[],
  candidate: readonly RunData[],
): CompareChart | undefined {
  const merged = (runs: readonly RunData[]): MergedMetric | undefined => {
    let acc: MergedMetric | undefined;
    for (const run of runs) {
      const m = mergeMetric(steadyWindow(run).buckets, 'http_req_duration');
      if (m) acc = acc ? combine(acc, m, 'http_req_duration') : m;
    }
    return acc?.kind === 'trend' && acc.count > 0 ? acc : undefined;
  };
  const b = merged(base);
  const c = merged(candidate);
  if (b?.kind !== 'trend' || c?.kind !== 'trend') return undefined;
  const percentiles = distributionPercentiles(Math.min(b.count, c.count));
  return {
    id: 'chart-distribution',
    title: 'Latency distribution over the steady seconds (HDR percentile plot)',
    kind: 'percentile',
    unit: 'ms',
    x: percentiles.map((p) => Number((1 / (1 - p / 100)).toPrecision(6))),
    series: [
      {
        label: `base (${b.count})`,
        color: BASE_COLORS[0]!,
        side: 'base',
        values: percentiles.map((p) => compact(trendPercentile(b, p))),
      },
      {
        label: `candidate (${c.count})`,
        color: CANDIDATE_COLORS[0]!,
        side: 'candidate',
        values: percentiles.map((p) => compact(trendPercentile(c, p))),
      },
    ],
  };
}

function compact(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(5));
}
