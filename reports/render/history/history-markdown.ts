import type { GroupHistory, HistoryAnalysis } from '../../analysis/history/history-analysis.js';
import type { MetricHistory } from '../../analysis/history/metric-history.js';
import { md } from '../markdown.js';
import {
  branchName,
  formatChange,
  formatFigure,
  formatP,
  shortCommit,
  shortDate,
} from './history-format.js';

/** At most this many change points per figure in the Markdown (the newest); the JSON has all. */
const MAX_POINTS_SHOWN = 3;

/**
 * history.md: the verdict, the regressions the newest runs carry, then per scenario and
 * branch every figure with a change point. For a PR comment or $GITHUB_STEP_SUMMARY. Pure;
 * every user string is escaped.
 */
export function renderHistoryMarkdown(analysis: HistoryAnalysis): string {
  const runs = analysis.groups.reduce((n, g) => n + g.runs.length, 0);
  const { windowLen, maxP, minMagnitude } = analysis.options;
  const out: string[] = [
    analysis.regressions.length > 0
      ? `## ✗ loadrig history: the newest run carries ${analysis.regressions.length} regression(s)`
      : '## ✓ loadrig history: no regression in the newest run',
    '',
    `${runs} run(s) in ${analysis.groups.length} scenario/branch group(s); change points by E-divisive means (window ${windowLen}, p < ${maxP}, shift > ${trim(minMagnitude * 100)}%).`,
    '',
  ];
  if (analysis.regressions.length > 0) {
    out.push(
      '| scenario | branch | figure | since | commit | change | p |',
      '| --- | --- | --- | --- | --- | ---: | ---: |',
    );
    for (const r of analysis.regressions) {
      const c = r.metric.changePoints.at(-1)!;
      out.push(
        `| ${md(r.scenario)} | ${md(branchName(r.branch))} | ${md(r.metric.label)} | ${shortDate(c.startedAt)}${r.metric.newest === 'regression-starts' ? ' (newest run)' : ''} | \`${shortCommit(c.commit)}\` | ${formatChange(c)} (${formatFigure(r.metric.unit, c.meanBefore)} → ${formatFigure(r.metric.unit, c.meanAfter)}) | ${formatP(c.pValue)} |`,
      );
    }
    out.push('');
  }
  for (const group of analysis.groups) out.push(...groupSection(group));
  return out.join('\n');
}

function groupSection(group: GroupHistory): string[] {
  const newest = group.runs.at(-1);
  const out = [
    `### ${md(group.scenario)} on ${md(branchName(group.branch))}`,
    '',
    `${group.runs.length} run(s)${newest ? `, newest ${md(newest.id)} (${shortDate(newest.startedAt)}, \`${shortCommit(newest.commit)}\`)` : ''}.`,
    '',
  ];
  const moved = group.metrics.filter((m) => m.changePoints.length > 0);
  if (moved.length === 0) return [...out, 'No change point in any figure.', ''];
  out.push('| figure | newest | change points (newest first) |', '| --- | ---: | --- |');
  for (const m of moved) {
    out.push(
      `| ${md(m.label)}${flag(m)} | ${formatFigure(m.unit, newestValue(m))} | ${points(m)} |`,
    );
  }
  return [...out, ''];
}

function points(m: MetricHistory): string {
  const shown = m.changePoints.slice(-MAX_POINTS_SHOWN).reverse();
  const more = m.changePoints.length - shown.length;
  return (
    shown
      .map(
        (c) =>
          `${c.direction} ${formatChange(c)} at ${shortDate(c.startedAt)} \`${shortCommit(c.commit)}\``,
      )
      .join('<br>') + (more > 0 ? `<br>and ${more} earlier` : '')
  );
}

function flag(m: MetricHistory): string {
  if (m.newest === 'regression-starts') return ' **(regression starts)**';
  if (m.newest === 'regression-continues') return ' **(regressed)**';
  return '';
}

function newestValue(m: MetricHistory): number | null {
  return m.values.at(-1) ?? null;
}

function trim(n: number): string {
  return String(Number(n.toFixed(3)));
}
