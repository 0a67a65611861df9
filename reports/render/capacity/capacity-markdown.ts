import type { CapacityAnalysis } from '../../analysis/capacity/analyse-capacity.js';
import { md } from '../markdown.js';
import { STEP_HEADERS, stepRows, sweepRows, uslFacts } from './capacity-rows.js';

/** capacity.md: the answer, the steps, the fit and the notes, for a PR comment or a step summary. */
export function renderCapacityMarkdown(a: CapacityAnalysis): string {
  const icon = a.answer.status === 'answered' ? '📈' : '❌';
  const out = [
    `### ${icon} loadrig capacity: ${md(a.scenario)}`,
    '',
    `**${md(a.answer.sentence)}**`,
  ];
  for (const assumption of a.answer.assumptions) out.push('', `_Assumes_ ${md(assumption)}.`);
  for (const g of a.groups) {
    out.push('', `#### ${md(a.groups.length > 1 ? g.label : 'Steps')}`, '');
    out.push(`| ${STEP_HEADERS.join(' | ')} |`, `|${STEP_HEADERS.map(() => '---').join('|')}|`);
    for (const r of stepRows(g, a.slo)) {
      const cells = [
        r.step,
        r.n,
        r.offered,
        r.achieved,
        r.p50,
        r.p95,
        r.p99,
        `${r.meets ? '✅' : '❌'} ${r.slo}`,
        r.errors,
        r.cpu,
        r.cpuPerRequest,
        r.eventLoop,
        `${r.littlesLawOk ? '' : '⚠️ '}${r.littlesLaw}`,
        r.settled,
      ];
      out.push(`| ${cells.map(md).join(' | ')} |`);
    }
    if (g.usl) {
      out.push('', `USL fit${g.usl.refusal ? ` (${md(g.usl.refusal)})` : ''}:`, '');
      for (const f of uslFacts(g.usl)) out.push(`- ${md(f.label)}: ${md(f.value)}`);
    } else {
      out.push('', 'USL fit: not possible (fewer than three distinct concurrencies).');
    }
  }
  if (a.sweep) {
    out.push(
      '',
      `#### Across ${md(a.sweep.setting)}`,
      '',
      '| Setting | Within SLO req/s | Peak req/s | Gain | Efficiency |',
      '|---|---|---|---|---|',
    );
    for (const r of sweepRows(a.sweep)) {
      out.push(`| ${[r.setting, r.slo, r.peak, r.gain, r.efficiency].map(md).join(' | ')} |`);
    }
    if (a.sweep.usl?.refusal) out.push('', `USL across the sweep ${md(a.sweep.usl.refusal)}.`);
  }
  if (a.notes.length > 0) {
    out.push('', '#### Notes', '');
    for (const n of a.notes) out.push(`- ${md(n)}`);
  }
  return out.join('\n') + '\n';
}
