import type { Comparison, MetricVerdict } from '../../analysis/compare/comparison.js';
import { md } from '../markdown.js';
import { compareCells, metricName } from './compare-cells.js';
import { sideLine } from './side-line.js';

const ICON: Record<MetricVerdict, string> = {
  regression: '❌',
  improvement: '✅',
  unchanged: '🟰',
  inconclusive: '❔',
};

/**
 * compare.md: a pull-request comment or step summary. The verdict, then every metric with its
 * change, interval and Holm-adjusted p-value, regressions first; warnings and the method last.
 * Every user string is escaped (GitHub renders inline HTML). Pure.
 */
export function renderCompareMarkdown(c: Comparison): string {
  const regressions = c.metrics.filter((m) => m.verdict === 'regression');
  const improvements = c.metrics.filter((m) => m.verdict === 'improvement');
  const out = [
    `### ${ICON[c.verdict]} loadrig compare: ${md(c.base.scenario)} — ${c.verdict.toUpperCase()}`,
    '',
    headline(c, regressions.length, improvements.length),
    '',
    `**base** ${md(sideLine(c.base))}  `,
    `**candidate** ${md(sideLine(c.candidate))}`,
    '',
    `| | Metric | Base | Candidate | Change | ${pct(1 - c.settings.alpha)} interval | p (Holm) |`,
    '|---|---|--:|--:|--:|--:|--:|',
  ];
  const order: MetricVerdict[] = ['regression', 'improvement', 'inconclusive', 'unchanged'];
  const rows = [...c.metrics].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  for (const m of rows) {
    const cells = compareCells(m);
    const name = m.judged ? md(metricName(m)) : `${md(metricName(m))} *(not judged)*`;
    out.push(
      `| ${ICON[m.verdict]} | ${name} | ${cells.base} | ${cells.candidate} | ${cells.change} | ${cells.interval} | ${cells.p} |`,
    );
  }
  if (c.warnings.length > 0) {
    out.push('', '<details><summary>Warnings</summary>', '');
    for (const w of c.warnings) out.push(`- ${md(w)}`);
    out.push('', '</details>');
  }
  out.push('', ...c.methodNotes.map((n) => `<sub>${md(n)}</sub>  `));
  return out.join('\n') + '\n';
}

function headline(c: Comparison, regressions: number, improvements: number): string {
  const judged = c.metrics.filter((m) => m.judged).length;
  const parts = [`${regressions} regressed`, `${improvements} improved`];
  const unchanged = c.metrics.filter((m) => m.judged && m.verdict === 'unchanged').length;
  parts.push(
    `${unchanged} unchanged`,
    `${judged - regressions - improvements - unchanged} inconclusive`,
  );
  return `${parts.join(' · ')} (of ${judged} metrics judged; minimum effect ${pct(c.settings.minEffect)}, alpha ${c.settings.alpha})`;
}

function pct(v: number): string {
  return `${Number((v * 100).toFixed(2))} %`;
}
