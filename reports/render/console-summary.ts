import { createColors } from 'picocolors';
import type { RunAnalysis } from '../analysis/analyse.js';
import type { EndpointRow } from '../analysis/endpoints.js';
import type { MetricStats } from '../analysis/metric-stats.js';
import { loadNeverStarted } from '../analysis/load-never-started.js';
import { verdictFacts, verdictLine } from '../analysis/verdict-line.js';
import { sortFindings, type Finding, type FindingSeverity } from '../model/finding.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import type { SpikeRecovery } from '../analysis/spike-recovery.js';
import { errorTables, type ErrorTables } from './error-tables.js';
import { spikeRecoveryText } from './spike-recovery-text.js';
import {
  formatBytes,
  formatCount,
  formatGaugeValue,
  formatMs,
  formatPercent,
  formatThresholdActual,
  formatTrendValue,
  isByteMetric,
  trimFixed,
} from './format.js';

export interface ConsoleSummaryOptions {
  color: boolean;
}

type Colors = ReturnType<typeof createColors>;

/** A metric line: the first value column is aligned across lines, the rest follows it. */
type Line = [name: string, first: string, rest: string];

const INDENT = '    ';
const MIN_NAME_WIDTH = 30;

/** A k6-like end-of-test summary. Pure: run and analysis in, string out. */
export function renderConsoleSummary(
  run: RunData,
  analysis: RunAnalysis,
  opts: ConsoleSummaryOptions,
): string {
  const c = createColors(opts.color);
  const out: string[] = ['', ...header(run, analysis, c), ''];
  if (loadNeverStarted(run)) {
    if (run.meta.error?.hint) out.splice(-1, 0, `  ${c.dim('hint')} ${run.meta.error.hint}`);
    out.push('  stopped before any load: no figures were recorded', '');
    return out.join('\n');
  }
  if (analysis.thresholds.length > 0) out.push(...thresholdLines(analysis, c), '');
  const findings = sortFindings(analysis.findings ?? []);
  if (findings.length > 0) out.push(...findingLines(findings, c), '');
  if (analysis.spikeRecovery) out.push(...spikeLines(analysis.spikeRecovery, c), '');
  out.push(...errorLines(errorTables(analysis), c));
  out.push(`  ${c.bold('█ TOTAL RESULTS')}`, '', ...metricLines(analysis, c), '');
  if (analysis.summary.endpoints.length > 0) {
    out.push(`  ${c.bold('█ ENDPOINTS')}`, '', ...endpointLines(analysis.summary.endpoints), '');
  }
  return out.join('\n');
}

function header(run: RunData, analysis: RunAnalysis, c: Colors): string[] {
  const facts = verdictFacts(run, analysis);
  const line = verdictLine(facts);
  const clean = line === 'PASSED';
  const badge =
    facts.verdict === 'passed'
      ? clean
        ? c.green(`✓ ${line}`)
        : c.yellow(`✓ ${line}`)
      : c.red(`✗ ${line}`);
  const lines = [
    `  ${c.bold(run.meta.scenario.name)} ${c.dim(`(run ${run.meta.id})`)}`,
    `  ${badge}`,
  ];
  if (run.meta.error) lines.push(`  ${c.red(`${run.meta.error.code}: ${run.meta.error.message}`)}`);
  return lines;
}

function thresholdLines(analysis: RunAnalysis, c: Colors): string[] {
  const lines = [`  ${c.bold('█ THRESHOLDS')}`];
  let selector: string | undefined;
  for (const r of analysis.thresholds) {
    if (r.selector !== selector) {
      selector = r.selector;
      lines.push('', `${INDENT}${selector}`);
    }
    const mark = r.ok ? c.green('✓') : c.red('✗');
    const detail = r.message ?? `${r.aggregation}=${formatThresholdActual(r)}`;
    lines.push(`${INDENT}${mark} '${r.expression}' ${r.ok ? detail : c.red(detail)}`);
  }
  return lines;
}

const SEVERITY_MARK: Record<FindingSeverity, (c: Colors) => string> = {
  critical: (c) => c.red('✗ critical'),
  warning: (c) => c.yellow('! warning '),
  info: (c) => c.blue('i info    '),
};

/** Most severe first: the title, then the evidence and the fix, indented under it. */
function findingLines(findings: Finding[], c: Colors): string[] {
  const lines = [`  ${c.bold('█ FINDINGS')}`, ''];
  const pad = `${INDENT}${' '.repeat(12)}`;
  for (const f of findings) {
    lines.push(`${INDENT}${SEVERITY_MARK[f.severity](c)}  ${c.bold(f.title)}`);
    lines.push(`${pad}${f.evidence.text}`, `${pad}${c.dim('fix:')} ${f.fix}`);
  }
  return lines;
}

function spikeLines(r: SpikeRecovery, c: Colors): string[] {
  const text = spikeRecoveryText(r);
  const mark = text.recovered ? c.green('✓') : c.red('✗');
  const figures = text.figures.map((f) => `${f.name}=${f.value}`).join(' ');
  return [
    `  ${c.bold('█ SPIKE RECOVERY')}`,
    '',
    `${INDENT}${mark} ${text.headline}`,
    `${INDENT}  ${c.dim(figures)}`,
  ];
}

function metricLine(name: string, stats: MetricStats): Line {
  switch (stats.kind) {
    case 'trend': {
      const f = (v: number) => formatTrendValue(name, v);
      const parts = [
        `avg=${f(stats.avg)}`,
        `min=${f(stats.min)}`,
        `med=${f(stats.med)}`,
        `max=${f(stats.max)}`,
        `p(90)=${f(stats.p90)}`,
        `p(95)=${f(stats.p95)}`,
        `p(99)=${f(stats.p99)}`,
      ];
      return [name, parts.join(' '), ''];
    }
    case 'counter':
      return isByteMetric(name)
        ? [name, formatBytes(stats.count), `${formatBytes(stats.ratePerSec)}/s`]
        : [name, String(stats.count), `${trimFixed(stats.ratePerSec)}/s`];
    case 'rate':
      return [name, formatPercent(stats.rate), `${stats.passes} out of ${stats.total}`];
    case 'gauge': {
      const f = (v: number) => formatGaugeValue(name, v);
      return [name, f(stats.value), `min=${f(stats.min)} max=${f(stats.max)}`];
    }
  }
}

function metricLines(analysis: RunAnalysis, c: Colors): string[] {
  const { metrics, vus } = analysis.summary;
  const lines = Object.entries(metrics).map(([name, stats]) => metricLine(name, stats));
  if (!('vus' in metrics)) lines.push(['vus', String(vus.last), `min=${vus.min} max=${vus.max}`]);
  if (!('vus_max' in metrics)) lines.push(['vus_max', String(vus.max), '']);
  lines.sort((a, b) => a[0].localeCompare(b[0]));
  const nameWidth = Math.max(MIN_NAME_WIDTH, ...lines.map(([name]) => name.length + 3));
  // Trend lines hold every figure in the first column; only short first values set its width.
  const firstWidth = Math.max(
    0,
    ...lines.filter(([, , rest]) => rest !== '').map(([, first]) => first.length),
  );
  return lines.map(([name, first, rest]) => {
    const dots = c.dim('.'.repeat(nameWidth - name.length));
    const values =
      rest === '' ? c.cyan(first) : `${c.cyan(first.padEnd(firstWidth))} ${c.dim(rest)}`;
    return `${INDENT}${name}${dots}: ${values}`;
  });
}

const CONSOLE_MESSAGE_CHARS = 100;

/** The flow's exceptions and the failed requests by status and cause, when there are any. */
function errorLines(tables: ErrorTables, c: Colors): string[] {
  const out: string[] = [];
  if (tables.flow.length > 0) {
    out.push(`  ${c.bold('█ FLOW ERRORS')}`, '');
    out.push(
      ...alignedTable(
        [
          ['count', 'of iterations', 'message', 'at'],
          ...tables.flow.map((r) => [r.count, r.share, clip(r.message), r.location]),
        ],
        2,
      ),
    );
    if (tables.flowMore) out.push(`${INDENT}${c.dim(tables.flowMore)}`);
    out.push('');
  }
  if (tables.requests.length > 0) {
    out.push(`  ${c.bold('█ REQUEST ERRORS')}`, '');
    out.push(
      ...alignedTable(
        [
          ['count', 'of requests', 'status', 'cause'],
          ...tables.requests.map((r) => [r.count, r.share, r.status, r.cause]),
        ],
        3,
      ),
    );
    if (tables.requestsMore) out.push(`${INDENT}${c.dim(tables.requestsMore)}`);
    out.push('');
  }
  return out;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > CONSOLE_MESSAGE_CHARS
    ? `${flat.slice(0, CONSOLE_MESSAGE_CHARS - 1)}…`
    : flat;
}

/** Columns before `textFrom` are figures (right-aligned), the rest text (left-aligned). */
function alignedTable(table: string[][], textFrom: number): string[] {
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return table.map(
    (row) =>
      INDENT +
      row
        .map((cell, i) => (i < textFrom ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}

function endpointLines(rows: EndpointRow[]): string[] {
  const table = [
    ['name', 'method', 'reqs', 'errors', 'avg', 'p(50)', 'p(95)', 'p(99)', 'max', 'req/s'],
    ...rows.map((r) => [
      r.name,
      r.method,
      formatCount(r.count),
      formatPercent(r.errorRate),
      formatMs(r.avgMs),
      formatMs(r.p50Ms),
      formatMs(r.p95Ms),
      formatMs(r.p99Ms),
      formatMs(r.maxMs),
      trimFixed(r.reqPerSec),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  // Text columns (name, method) align left, figures right.
  return table.map(
    (row) =>
      INDENT +
      row
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}
