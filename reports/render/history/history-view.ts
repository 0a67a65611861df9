import type { GroupHistory, HistoryAnalysis } from '../../analysis/history/history-analysis.js';
import type { HistoryChangePoint, MetricHistory } from '../../analysis/history/metric-history.js';
import type { HistorySource } from './history-json.js';
import {
  branchName,
  formatChange,
  formatFigure,
  formatP,
  shortCommit,
  shortDate,
} from './history-format.js';

/** What the page's script draws: per group, its runs and one chart per figure. */
export interface HistoryChartData {
  groups: {
    runs: { id: string; date: string; day: string; commit: string; report: string | null }[];
    charts: {
      label: string;
      unit: string;
      values: (number | null)[];
      /** The mean of the level each run belongs to (between change points): the dashed line. */
      levels: (number | null)[];
      changePoints: { at: number; label: string; regression: boolean }[];
    }[];
  }[];
}

/** Per run: the mean of the values in its level, null where the run has no value. */
export function levelMeans(m: MetricHistory): (number | null)[] {
  const edges = [0, ...m.changePoints.map((c) => c.runIndex), m.values.length];
  const out: (number | null)[] = m.values.map(() => null);
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] as number;
    const to = edges[i + 1] as number;
    const present = m.values.slice(from, to).filter((v): v is number => v !== null);
    const mean = present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
    for (let j = from; j < to; j++) if (m.values[j] !== null) out[j] = mean;
  }
  return out;
}

function chartId(groupIndex: number, metricIndex: number): string {
  return `g${groupIndex}-m${metricIndex}`;
}

function pointRow(m: MetricHistory, c: HistoryChangePoint, group: GroupHistory) {
  return {
    direction: c.direction,
    regression: c.direction === 'regression',
    date: shortDate(c.startedAt),
    report: group.runs[c.runIndex]?.report ?? null,
    commit: shortCommit(c.commit),
    branch: branchName(c.branch),
    before: formatFigure(m.unit, c.meanBefore),
    after: formatFigure(m.unit, c.meanAfter),
    change: formatChange(c),
    p: formatP(c.pValue),
  };
}

/** Everything the template prints, already formatted (the template only escapes). */
export function historyView(analysis: HistoryAnalysis, source: HistorySource) {
  const runCount = analysis.groups.reduce((n, g) => n + g.runs.length, 0);
  const failing = analysis.regressions.length > 0;
  const { windowLen, maxP, minMagnitude } = analysis.options;
  const groupIndex = new Map(analysis.groups.map((g, i) => [g, i]));
  return {
    title: `loadrig history: ${failing ? 'regression' : 'no regression'}`,
    heading:
      analysis.groups
        .map((g) => g.scenario)
        .filter((s, i, a) => a.indexOf(s) === i)
        .join(', ') || 'no runs',
    verdict: failing
      ? {
          tone: 'fail',
          label: 'REGRESSION',
          detail: `The newest run carries ${analysis.regressions.length} regression(s) across ${runCount} run(s).`,
        }
      : {
          tone: 'pass',
          label: 'NO REGRESSION',
          detail: `${runCount} run(s): the newest run of each scenario and branch is at or better than its level.`,
        },
    optionsText: `Change points by E-divisive means: window ${windowLen} runs, p < ${maxP}, shift > ${Number((minMagnitude * 100).toFixed(3))}%.`,
    sourceText: `${source.kind === 'runs' ? 'the run directories in' : 'InfluxDB at'} ${source.location}`,
    regressions: analysis.regressions.map((r) => {
      const g = analysis.groups.find((x) => x.scenario === r.scenario && x.branch === r.branch)!;
      const c = r.metric.changePoints.at(-1)!;
      return {
        ...pointRow(r.metric, c, g),
        scenario: r.scenario,
        branch: branchName(r.branch),
        label: r.metric.label,
        starts: r.metric.newest === 'regression-starts',
        chartId: chartId(groupIndex.get(g) ?? 0, g.metrics.indexOf(r.metric)),
      };
    }),
    groups: analysis.groups.map((g, gi) => ({
      id: `g${gi}`,
      index: gi,
      scenario: g.scenario,
      branch: branchName(g.branch),
      runCount: g.runs.length,
      firstDate: g.runs[0] ? shortDate(g.runs[0].startedAt) : '-',
      lastDate: g.runs.at(-1) ? shortDate(g.runs.at(-1)!.startedAt) : '-',
      charts: g.metrics.map((m, mi) => ({
        id: chartId(gi, mi),
        index: mi,
        label: m.label,
        flag:
          m.newest === 'regression-starts'
            ? 'regression starts'
            : m.newest === 'regression-continues'
              ? 'regressed'
              : '',
        changePoints: [...m.changePoints].reverse().map((c) => pointRow(m, c, g)),
      })),
      runs: g.runs.map((r, i) => ({
        n: i + 1,
        id: r.id,
        report: r.report,
        date: shortDate(r.startedAt),
        commit: shortCommit(r.commit),
        dirty: r.dirty,
        status: r.status,
        newest: i === g.runs.length - 1,
        window: `${r.digest.window.seconds} s ${r.digest.window.kind === 'steady' ? 'steady' : 'whole run'}`,
      })),
    })),
  };
}

export function historyChartData(analysis: HistoryAnalysis): HistoryChartData {
  return {
    groups: analysis.groups.map((g) => ({
      runs: g.runs.map((r) => ({
        id: r.id,
        date: shortDate(r.startedAt),
        day: r.startedAt.slice(5, 10),
        commit: shortCommit(r.commit),
        report: r.report,
      })),
      charts: g.metrics.map((m) => ({
        label: m.label,
        unit: m.unit,
        values: m.values,
        levels: levelMeans(m),
        changePoints: m.changePoints.map((c) => ({
          at: c.runIndex,
          label: `${formatChange(c)} ${shortCommit(c.commit)} ${c.startedAt.slice(0, 10)}`,
          regression: c.direction === 'regression',
        })),
      })),
    })),
  };
}
