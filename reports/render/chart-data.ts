import type { Timeline } from '../analysis/timeline.js';
import type { ServerSeriesInfo } from '../model/run-data.js';

export type ChartUnit = 'ms' | 'reqPerSec' | 'percent' | 'bytes' | 'count';

export interface ChartSeries {
  label: string;
  color: string;
  /** Which y scale: the left axis, or the right one (VUs on the throughput chart). */
  axis: 'left' | 'right';
  values: (number | null)[];
}

export interface ChartSpec {
  title: string;
  unit: ChartUnit;
  rightUnit: ChartUnit | null;
  series: ChartSeries[];
}

/** What the report's chart script draws: every chart shares the `t` axis (unix seconds). */
export interface ChartData {
  t: number[];
  charts: ChartSpec[];
}

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

const SERVER_TITLES: Record<ServerSeriesInfo['unit'], string> = {
  percent: 'Server CPU and utilisation (%)',
  bytes: 'Server memory',
  count: 'Server counts',
  ms: 'Server timings (ms)',
};
const SERVER_UNITS: Record<ServerSeriesInfo['unit'], ChartUnit> = {
  percent: 'percent',
  bytes: 'bytes',
  count: 'count',
  ms: 'ms',
};

export function chartData(timeline: Timeline): ChartData {
  const left = (label: string, color: string, values: (number | null)[]): ChartSeries => ({
    label,
    color,
    axis: 'left',
    values,
  });
  const charts: ChartSpec[] = [
    {
      title: 'Latency (http_req_duration)',
      unit: 'ms',
      rightUnit: null,
      series: [
        left('p50', '#16a34a', timeline.p50),
        left('p95', '#d97706', timeline.p95),
        left('p99', '#dc2626', timeline.p99),
        left('max', '#7c3aed', timeline.max),
      ],
    },
    {
      title: 'Throughput, errors and VUs',
      unit: 'reqPerSec',
      rightUnit: 'count',
      series: [
        left('req/s', '#2563eb', timeline.reqPerSec),
        left('errors/s', '#dc2626', timeline.errorsPerSec),
        { label: 'VUs', color: '#64748b', axis: 'right', values: timeline.vus },
      ],
    },
  ];
  const groups = new Map<ServerSeriesInfo['unit'], ChartSeries[]>();
  for (const s of timeline.server) {
    const list = groups.get(s.unit) ?? [];
    list.push(left(s.label, PALETTE[list.length % PALETTE.length]!, s.values));
    groups.set(s.unit, list);
  }
  for (const [unit, series] of groups) {
    charts.push({ title: SERVER_TITLES[unit], unit: SERVER_UNITS[unit], rightUnit: null, series });
  }
  return { t: timeline.t, charts };
}
