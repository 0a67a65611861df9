import type { Comparison, MetricVerdict } from '../../analysis/compare/comparison.js';
import { formatTimestamp } from '../format.js';
import { compareCells, groupOf, VERDICT_SYMBOL, type CompareCells } from './compare-cells.js';
import type { CompareChart } from './compare-chart-data.js';
import { sideLine } from './side-line.js';

const TONE: Record<MetricVerdict, string> = {
  regression: 'fail',
  improvement: 'pass',
  unchanged: 'pass',
  inconclusive: 'warn',
};

const DETAIL: Record<MetricVerdict, string> = {
  regression: 'At least one metric is significantly worse by more than the minimum effect.',
  improvement:
    'At least one metric is significantly better by more than the minimum effect, and none is worse.',
  unchanged: 'Every metric judged is within the minimum effect, with the interval to show it.',
  inconclusive:
    'No metric changed significantly, but not every interval rules out a change: more or longer rounds would tell.',
};

export interface CompareView {
  title: string;
  heading: string;
  verdict: { label: string; tone: string; detail: string };
  counts: string;
  sides: { name: string; line: string }[];
  intervalLabel: string;
  groups: { name: string; rows: (CompareCells & { rowClass: string; symbol: string })[] }[];
  warnings: string[];
  methodNotes: string[];
  runs: {
    side: string;
    id: string;
    startedAt: string;
    commit: string;
    status: string;
    steady: string;
  }[];
  charts: { index: number; id: string; title: string; kind: string }[];
}

/** Everything compare.hbs prints, as text: the template only lays it out. Pure. */
export function compareView(c: Comparison, charts: readonly CompareChart[]): CompareView {
  const groups = new Map<string, CompareView['groups'][number]['rows']>();
  for (const m of c.metrics) {
    const cells = compareCells(m);
    const rows = groups.get(groupOf(m)) ?? [];
    rows.push({
      ...cells,
      rowClass: m.judged ? `row--${m.verdict}` : 'row--unjudged',
      symbol: m.judged ? VERDICT_SYMBOL[m.verdict] : '·',
    });
    groups.set(groupOf(m), rows);
  }
  const count = (v: MetricVerdict) => c.metrics.filter((m) => m.judged && m.verdict === v).length;
  const judged = c.metrics.filter((m) => m.judged).length;
  return {
    title: `loadrig compare: ${c.base.scenario} — ${c.verdict}`,
    heading: `${c.base.scenario}: candidate vs base`,
    verdict: { label: c.verdict.toUpperCase(), tone: TONE[c.verdict], detail: DETAIL[c.verdict] },
    counts: `${count('regression')} regressed · ${count('improvement')} improved · ${count('unchanged')} unchanged · ${count('inconclusive')} inconclusive, of ${judged} metrics judged`,
    sides: [
      { name: 'base', line: sideLine(c.base) },
      { name: 'candidate', line: sideLine(c.candidate) },
    ],
    intervalLabel: `${Math.round((1 - c.settings.alpha) * 100)} % interval`,
    groups: [...groups].map(([name, rows]) => ({ name, rows })),
    warnings: c.warnings,
    methodNotes: c.methodNotes,
    runs: [
      ...c.base.runs.map((r) => ({ side: 'base', r })),
      ...c.candidate.runs.map((r) => ({ side: 'candidate', r })),
    ].map(({ side, r }) => ({
      side,
      id: r.id,
      startedAt: formatTimestamp(r.startedAt),
      commit: r.commit
        ? `${r.commit.slice(0, 12)}${r.branch ? ` (${r.branch}${r.dirty ? ', dirty' : ''})` : ''}`
        : '-',
      status: r.status,
      steady: `${r.steadySeconds} s (${r.steadySource === 'hold' ? 'hold phases' : 'every loaded second'})`,
    })),
    charts: charts.map((chart, index) => ({
      index,
      id: chart.id,
      title: chart.title,
      kind: chart.kind,
    })),
  };
}
