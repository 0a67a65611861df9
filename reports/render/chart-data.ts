import { downsampleMinMax } from './downsample.js';
import type { LatencyDistribution } from '../analysis/latency-distribution.js';
import type { Timeline } from '../analysis/timeline.js';
import type { FindingChart } from '../model/finding.js';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import { formatBytes } from './format.js';
import { quantize, type Quantized } from './quantize.js';

export type ChartUnit = 'ms' | 'reqPerSec' | 'percent' | 'bytes' | 'count';

export interface ChartSeries {
  /** Names the series' per-second values in `ChartData.detail` (shared by p99's copies). */
  key: string;
  label: string;
  color: string;
  /** Which y scale: the left axis, or the right one (VUs, dropped iterations, p99 next to server series). */
  axis: 'left' | 'right';
  values: (number | null)[];
}

export interface ChartSpec {
  /** Anchor in the report (`chart-latency`); findings link to it. */
  id: string;
  title: string;
  /** `time`: x is the shared `t` axis. `percentile`: x is `x`, 1/(1-p) on a log scale. */
  kind: 'time' | 'percentile';
  unit: ChartUnit;
  rightUnit: ChartUnit | null;
  x?: number[];
  series: ChartSeries[];
}

/** What the report's chart script draws: time charts share the `t` axis (unix seconds). */
export interface ChartData {
  t: number[];
  /** Seconds folded into each min/max pair of points (1: every second is drawn). */
  bucketSec: number;
  charts: ChartSpec[];
  /**
   * When the charts are downsampled: every second of every time series (quantized), so a zoom
   * redraws the visible range at up to one point per second. `t` of index i is `t0 + i`.
   */
  detail: { t0: number; length: number; series: Record<string, Quantized> } | null;
}

/** Up to this many points per time chart: 2 h at full resolution, a day in ~22 s buckets. */
export const MAX_CHART_POINTS = 8000;

const PALETTE = [
  '#2563eb',
  '#16a34a',
  '#d97706',
  '#9333ea',
  '#0891b2',
  '#db2777',
  '#65a30d',
  '#475569',
];
const P99_COLOR = '#dc2626';

const SERVER_TITLES: Record<ServerSeriesInfo['unit'], string> = {
  percent: 'Server CPU and utilisation (%) vs p99',
  bytes: 'Server memory vs p99',
  count: 'Server counts vs p99',
  ms: 'Server timings (ms) vs p99',
};

/** The first chart of each kind of evidence gets the anchor findings link to. */
export const CHART_ANCHORS: Record<FindingChart, string> = {
  latency: 'chart-latency',
  throughput: 'chart-throughput',
  load: 'chart-load',
  server: 'chart-server-0',
  distribution: 'chart-distribution',
};

const left = (
  label: string,
  color: string,
  values: (number | null)[],
  key = label,
): ChartSeries => ({
  key,
  label,
  color,
  axis: 'left',
  values,
});
const right = (
  label: string,
  color: string,
  values: (number | null)[],
  key = label,
): ChartSeries => ({
  key,
  label,
  color,
  axis: 'right',
  values,
});

export function chartData(
  fullTimeline: Timeline,
  distribution: LatencyDistribution,
  maxPoints = MAX_CHART_POINTS,
): ChartData {
  const timeline = clientSpan(fullTimeline);
  const charts: ChartSpec[] = [
    {
      id: CHART_ANCHORS.latency,
      title: 'Latency over time (http_req_duration)',
      kind: 'time',
      unit: 'ms',
      rightUnit: null,
      series: [
        left('p50', '#16a34a', timeline.p50),
        left('p95', '#d97706', timeline.p95),
        left('p99', P99_COLOR, timeline.p99),
        left('max', '#7c3aed', timeline.max),
      ],
    },
    {
      id: CHART_ANCHORS.throughput,
      title: 'Throughput and errors',
      kind: 'time',
      unit: 'reqPerSec',
      rightUnit: null,
      series: [
        left('req/s', '#2563eb', timeline.reqPerSec),
        left('errors/s', '#dc2626', timeline.errorsPerSec),
      ],
    },
    {
      id: CHART_ANCHORS.load,
      title: 'Load: VUs, iterations and dropped iterations',
      kind: 'time',
      unit: 'count',
      rightUnit: 'reqPerSec',
      series: [
        left('VUs', '#64748b', timeline.vus),
        ...(timeline.vusMax?.some((v) => v !== null)
          ? [left('VUs allocated', '#94a3b8', timeline.vusMax)]
          : []),
        right('iterations/s', '#0891b2', timeline.iterationsPerSec),
        right('dropped/s', '#b91c1c', timeline.droppedPerSec),
      ],
    },
    ...serverCharts(timeline),
  ];
  const time = charts.filter((c) => c.kind === 'time');
  const detail = grid0Detail(timeline, time, maxPoints);
  const grid = downsampleMinMax(
    { t: timeline.t, series: time.flatMap((c) => c.series.map((s) => s.values)) },
    maxPoints,
  );
  let next = 0;
  for (const chart of time) {
    for (const s of chart.series) s.values = grid.series[next++]!.map(compact);
  }
  if (distribution.curves.length > 0) charts.push(distributionChart(distribution));
  return { t: grid.t, bucketSec: grid.bucketSec, charts, detail };
}

/** Per-second values for zooming, only when the overview had to be downsampled. */
function grid0Detail(
  timeline: Timeline,
  time: ChartSpec[],
  maxPoints: number,
): ChartData['detail'] {
  if (timeline.t.length <= maxPoints) return null;
  const series: Record<string, Quantized> = {};
  for (const chart of time) {
    for (const s of chart.series) series[s.key] ??= quantize(s.values);
  }
  return { t0: timeline.t[0]!, length: timeline.t.length, series };
}

/**
 * The seconds the client recorded activity in (requests, iterations, drops, busy VUs): the
 * time charts' x axis. Server samples taken before the load or after its last second would
 * stretch the axis past every client line, so they are cut from the charts (analysis keeps
 * them). A timeline with no client activity is charted whole.
 */
export function clientSpan(timeline: Timeline): Timeline {
  const active = (i: number): boolean =>
    (timeline.reqPerSec[i] ?? 0) > 0 ||
    (timeline.iterationsPerSec[i] ?? 0) > 0 ||
    (timeline.droppedPerSec[i] ?? 0) > 0 ||
    (timeline.vus[i] ?? 0) > 0;
  let from = 0;
  while (from < timeline.t.length && !active(from)) from++;
  let to = timeline.t.length - 1;
  while (to > from && !active(to)) to--;
  if (from >= timeline.t.length || (from === 0 && to === timeline.t.length - 1)) return timeline;
  const cut = <T>(values: T[]): T[] => values.slice(from, to + 1);
  return {
    t: cut(timeline.t),
    vus: cut(timeline.vus),
    ...(timeline.vusMax ? { vusMax: cut(timeline.vusMax) } : {}),
    reqPerSec: cut(timeline.reqPerSec),
    errorsPerSec: cut(timeline.errorsPerSec),
    droppedPerSec: cut(timeline.droppedPerSec),
    iterationsPerSec: cut(timeline.iterationsPerSec),
    p50: cut(timeline.p50),
    p90: cut(timeline.p90),
    p95: cut(timeline.p95),
    p99: cut(timeline.p99),
    max: cut(timeline.max),
    server: timeline.server.map((s) => ({ ...s, values: cut(s.values) })),
  };
}

/** A limit (heap limit, container memory limit) drawn only when the usage comes this close. */
const LIMIT_SHOWN_FROM = 0.5;
const isLimit = (id: string): boolean => /limit_bytes$/.test(id);

const peak = (values: readonly (number | null)[]): number => {
  let max = -Infinity;
  for (const v of values) if (v !== null && v > max) max = v;
  return max;
};

/**
 * One chart per server unit, every series of that unit on it, with p99 on the right axis. A
 * limit series (the 4 GB heap limit) would scale the axis so far that the memory in use lies
 * flat at 0: it is drawn only when that memory reaches half of it, and named in the title
 * otherwise.
 */
function serverCharts(timeline: Timeline): ChartSpec[] {
  const groups = new Map<ServerSeriesInfo['unit'], { series: ChartSeries[]; off: string[] }>();
  const used = timeline.server.filter((s) => !isLimit(s.id));
  for (const s of timeline.server) {
    const group = groups.get(s.unit) ?? { series: [], off: [] };
    groups.set(s.unit, group);
    if (isLimit(s.id)) {
      const limit = peak(s.values);
      const usage = peak(used.filter((u) => u.unit === s.unit).flatMap((u) => u.values));
      if (!(usage >= LIMIT_SHOWN_FROM * limit)) {
        if (Number.isFinite(limit)) group.off.push(`${s.label} ${formatBytes(limit)}`);
        continue;
      }
    }
    const list = group.series;
    list.push(left(s.label, PALETTE[list.length % PALETTE.length]!, s.values, `server:${s.id}`));
  }
  return [...groups]
    .filter(([, g]) => g.series.length > 0)
    .map(([unit, { series, off }], i) => ({
      id: `chart-server-${i}`,
      title:
        off.length === 0
          ? SERVER_TITLES[unit]
          : `${SERVER_TITLES[unit]} (not drawn, far above: ${off.join(', ')})`,
      kind: 'time',
      unit,
      rightUnit: 'ms',
      // p99 dashed on the right axis, so a server series that moves with latency shows it.
      series: [...series, right('p99', P99_COLOR, [...timeline.p99], 'p99')],
    }));
}

function distributionChart(d: LatencyDistribution): ChartSpec {
  return {
    id: CHART_ANCHORS.distribution,
    title: 'Latency distribution (HDR percentile plot)',
    kind: 'percentile',
    unit: 'ms',
    rightUnit: null,
    x: d.percentiles.map((p) => round(1 / (1 - p / 100))),
    series: d.curves.map((c, i) =>
      left(`${c.label} (${c.count})`, PALETTE[i % PALETTE.length]!, c.valuesMs.map(compact)),
    ),
  };
}

/** Five significant digits: far below what a chart shows, and a third of the bytes. */
function compact(v: number | null): number | null {
  return v === null ? null : Number(v.toPrecision(5));
}

function round(v: number): number {
  return Number(v.toPrecision(6));
}
