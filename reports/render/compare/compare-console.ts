import { createColors } from 'picocolors';
import type { Comparison, MetricVerdict } from '../../analysis/compare/comparison.js';
import { compareCells, metricName, VERDICT_SYMBOL } from './compare-cells.js';
import { sideLine } from './side-line.js';

/**
 * The comparison in a terminal, benchstat-like: verdict first, then one aligned line per
 * metric (base, candidate, change, interval, Holm-adjusted p, verdict), warnings, the method.
 */
export function renderCompareConsole(c: Comparison, opts: { color: boolean }): string {
  const k = createColors(opts.color);
  const paint = (v: MetricVerdict, text: string): string =>
    v === 'regression'
      ? k.red(text)
      : v === 'improvement'
        ? k.green(text)
        : v === 'unchanged'
          ? text
          : k.yellow(text);
  const header = [
    'metric',
    'base',
    'candidate',
    'change',
    `${Math.round((1 - c.settings.alpha) * 100)}% interval`,
    'p (Holm)',
    'verdict',
  ];
  const rows = c.metrics.map((m) => {
    const cells = compareCells(m);
    return {
      v: m.verdict,
      cols: [
        metricName(m),
        cells.base,
        cells.candidate,
        cells.change,
        cells.interval,
        cells.p,
        m.judged ? `${VERDICT_SYMBOL[m.verdict]} ${m.verdict}` : '· not judged',
      ],
    };
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => [...r.cols[i]!].length)),
  );
  const line = (cols: string[]) =>
    cols
      .map((col, i) =>
        i === 0 || i === cols.length - 1 ? pad(col, widths[i]!) : padStart(col, widths[i]!),
      )
      .join('  ');
  const out = [
    '',
    `  ${k.bold(`loadrig compare: ${c.base.scenario}`)}  ${paint(c.verdict, `${VERDICT_SYMBOL[c.verdict]} ${c.verdict.toUpperCase()}`)}`,
    `  base       ${sideLine(c.base)}`,
    `  candidate  ${sideLine(c.candidate)}`,
    '',
    `  ${k.dim(line(header))}`,
    ...rows.map((r) => `  ${paint(r.v, line(r.cols))}`),
    '',
  ];
  for (const w of c.warnings) out.push(`  ${k.yellow('!')} ${w}`);
  if (c.warnings.length > 0) out.push('');
  for (const n of c.methodNotes) out.push(`  ${k.dim(n)}`);
  return out.join('\n') + '\n';
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - [...s].length));
}

function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - [...s].length)) + s;
}
