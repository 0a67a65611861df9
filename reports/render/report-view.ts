import type { RunAnalysis } from '../analysis/analyse.js';
import type { Verdict } from '../analysis/verdict.js';
import { loadNeverStarted } from '../analysis/load-never-started.js';
import { verdictFacts, verdictLine } from '../analysis/verdict-line.js';
import { sortFindings, type Finding } from '../model/finding.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { CHART_ANCHORS } from './chart-data.js';
import { errorTables, type ErrorTables } from './error-tables.js';
import { spikeRecoveryText, type SpikeRecoveryText } from './spike-recovery-text.js';
import { formatDuration } from '../../core/duration.js';
import {
  formatBytes,
  formatCount,
  formatGaugeValue,
  formatMs,
  formatPercent,
  formatThresholdActual,
  formatTimestamp,
  formatTrendValue,
  isByteMetric,
  trimFixed,
} from './format.js';

/** Every string the report template prints, already formatted; handlebars escapes them all. */
export interface ReportView {
  /** The document title: scenario and verdict, for a browser tab or a CI artifact list. */
  title: string;
  heading: string;
  /** `label`: PASSED, FAILED...; `line`: the whole verdict line (`PASSED with 1 warning`). */
  verdict: {
    label: string;
    line: string;
    /** The line after its label (` with 1 warning`), shown beside the label. */
    rest: string;
    tone: 'pass' | 'fail' | 'warn';
    detail: string;
  };
  meta: { label: string; value: string }[];
  thresholds: {
    selector: string;
    expression: string;
    actual: string;
    ok: boolean;
    message: string;
  }[];
  trends: { name: string; cells: string[] }[];
  others: { name: string; kind: string; value: string; detail: string }[];
  endpoints: { name: string; method: string; failing: boolean; cells: string[] }[];
  findings: FindingView[];
  findingCounts: string;
  /** Flow exceptions and failed requests by status and cause (empty lists when none). */
  errors: ErrorTables & { any: boolean };
  /** How p95 came back after a spike; null for a run without one. */
  spikeRecovery: SpikeRecoveryText | null;
  /** The scenario's thresholds exactly as written, as JSON. */
  thresholdsVerbatim: string;
  profileJson: string;
  /** Set when the run stopped before any load: why, instead of figures. */
  stopped: { code: string; message: string; hint: string; when: string } | null;
}

export interface FindingView {
  id: string;
  severity: Finding['severity'];
  title: string;
  text: string;
  figures: { name: string; value: string }[];
  range: string;
  cause: string;
  fix: string;
  chartAnchor: string;
  /** Seconds, for the chart script to zoom every time chart to the evidence. */
  fromT: string;
  toT: string;
}

const TONES: Record<Verdict, ReportView['verdict']['tone']> = {
  passed: 'pass',
  failed: 'fail',
  error: 'fail',
  interrupted: 'warn',
};

export function reportView(run: RunData, analysis: RunAnalysis): ReportView {
  const facts = verdictFacts(run, analysis);
  const line = verdictLine(facts);
  // A passed run with warnings or critical findings is not all clear: amber, not green.
  const tone = facts.verdict === 'passed' && line !== 'PASSED' ? 'warn' : TONES[facts.verdict];
  return {
    title: `${run.meta.scenario.name}: ${line} (loadrig)`,
    heading: run.meta.scenario.name,
    verdict: {
      label: facts.verdict.toUpperCase(),
      line,
      rest: line.slice(facts.verdict.length),
      tone,
      detail: verdictDetail(run, analysis),
    },
    meta: metaRows(run, analysis),
    thresholds: analysis.thresholds.map((r) => ({
      selector: r.selector,
      expression: r.expression,
      actual: r.actual === null ? '-' : `${r.aggregation} = ${formatThresholdActual(r)}`,
      ok: r.ok,
      message: r.message ?? '',
    })),
    ...metricRows(analysis),
    ...findingsView(run, analysis.findings ?? []),
    errors: errorsView(analysis),
    spikeRecovery: analysis.spikeRecovery ? spikeRecoveryText(analysis.spikeRecovery) : null,
    stopped: stoppedView(run),
    thresholdsVerbatim: JSON.stringify(run.meta.scenario.thresholds, null, 2),
    profileJson: JSON.stringify(run.meta.scenario.profile ?? null, null, 2),
    endpoints: analysis.summary.endpoints.map((e) => ({
      name: e.name,
      method: e.method,
      failing: e.failed > 0,
      cells: [
        formatCount(e.count),
        `${trimFixed(e.reqPerSec)}`,
        formatPercent(e.errorRate),
        ...[e.avgMs, e.p50Ms, e.p95Ms, e.p99Ms, e.maxMs].map((ms) => formatMs(ms)),
      ],
    })),
  };
}

function stoppedView(run: RunData): ReportView['stopped'] {
  if (!loadNeverStarted(run)) return null;
  const error = run.meta.error;
  return {
    code: error?.code ?? run.meta.status,
    message:
      error?.message ??
      (run.meta.status === 'error'
        ? 'the run ended in an error before any load'
        : 'the run was interrupted before any load'),
    hint: error?.hint ?? '',
    when: formatTimestamp(run.meta.endedAt ?? run.meta.startedAt),
  };
}

function errorsView(analysis: RunAnalysis): ReportView['errors'] {
  const tables = errorTables(analysis);
  return { ...tables, any: tables.flow.length > 0 || tables.requests.length > 0 };
}

function verdictDetail(run: RunData, analysis: RunAnalysis): string {
  if (loadNeverStarted(run)) return 'stopped before any load: no figures were recorded';
  const total = analysis.thresholds.length;
  const passed = analysis.thresholds.filter((r) => r.ok).length;
  const thresholds =
    total === 0 ? 'no thresholds defined' : `${passed} of ${total} thresholds passed`;
  switch (run.meta.status) {
    case 'error':
      return run.meta.error
        ? `${run.meta.error.code}: ${run.meta.error.message}`
        : 'the run ended in an error';
    case 'interrupted':
      return `the run was interrupted; figures cover only part of it (${thresholds})`;
    case 'running':
      return `the run never finished (status still "running"); figures cover only part of it (${thresholds})`;
    default:
      return thresholds;
  }
}

function metaRows(run: RunData, analysis: RunAnalysis): ReportView['meta'] {
  const m = run.meta;
  const wallMs = m.endedAt ? Date.parse(m.endedAt) - Date.parse(m.startedAt) : NaN;
  const rows: [string, string][] = [
    ['Scenario', m.scenario.file ? `${m.scenario.name} (${m.scenario.file})` : m.scenario.name],
    ['Profile', m.scenario.profile.kind],
    ['Target', `${m.target.name} (${m.target.provider}) at ${m.target.baseUrl}`],
    ...targetRows(m.target),
    ['Started', formatTimestamp(m.startedAt)],
    ['Ended', formatTimestamp(m.endedAt)],
    [
      'Duration',
      `${Number.isFinite(wallMs) ? formatDuration(wallMs) : '-'} wall, ${analysis.summary.durationSec} s measured, ${formatDuration(m.scenario.durationMs)} planned`,
    ],
    ['Engine', m.engine],
    ...engineRows(m),
    ['Versions', `loadrig ${m.loadrig}, node ${m.node}`],
    [
      'Git',
      m.git
        ? `${m.git.commit.slice(0, 12)} on ${m.git.branch}${m.git.dirty ? ' (dirty)' : ''}`
        : '-',
    ],
    [
      'Host',
      `${m.host.hostname}: ${m.host.cpus} × ${m.host.cpuModel}, ${formatBytes(m.host.memoryBytes)} RAM, ${m.host.platform}/${m.host.arch}`,
    ],
    ['Run id', m.id],
  ];
  return rows.map(([label, value]) => ({ label, value }));
}

/** Whatever else the provider recorded about the target: command, image, limits, replicas. */
function targetRows(target: RunData['meta']['target']): [string, string][] {
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(target)) {
    if (['name', 'provider', 'baseUrl', 'pid'].includes(key) || value === undefined) continue;
    const text = Array.isArray(value)
      ? value.map(String).join(' ')
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
    rows.push([`Target ${key}`, text]);
  }
  return rows;
}

function findingsView(
  run: RunData,
  findings: readonly Finding[],
): Pick<ReportView, 'findings' | 'findingCounts'> {
  const sorted = sortFindings(findings);
  const count = (severity: Finding['severity']) =>
    sorted.filter((f) => f.severity === severity).length;
  const findingCounts =
    sorted.length === 0
      ? 'no red flags found'
      : `${count('critical')} critical, ${count('warning')} warning, ${count('info')} info`;
  return {
    findingCounts,
    findings: sorted.map((f) => ({
      id: f.id,
      severity: f.severity,
      title: f.title,
      text: f.evidence.text,
      figures: Object.entries(f.evidence.figures).map(([name, value]) => ({
        name,
        value: trimFixed(value, 3),
      })),
      range: rangeText(run, f.evidence.fromT, f.evidence.toT),
      cause: f.cause,
      fix: f.fix,
      chartAnchor: CHART_ANCHORS[f.chart] ?? CHART_ANCHORS.latency,
      fromT: f.evidence.fromT === undefined ? '' : String(f.evidence.fromT),
      toT: f.evidence.toT === undefined ? '' : String(f.evidence.toT),
    })),
  };
}

/** `12:00:05–12:03:10 UTC (+5 s to +190 s into the run)`; '' without a range. */
export function rangeText(run: RunData, fromT?: number, toT?: number): string {
  if (fromT === undefined && toT === undefined) return '';
  const startT = Date.parse(run.meta.startedAt) / 1000;
  const clock = (t: number) => new Date(t * 1000).toISOString().slice(11, 19);
  const offset = (t: number) => (Number.isFinite(startT) ? `+${Math.round(t - startT)} s` : '');
  const from = fromT ?? toT!;
  const to = toT ?? fromT!;
  return `${clock(from)}–${clock(to)} UTC (${offset(from)} to ${offset(to)} into the run)`;
}

function engineRows(m: RunData['meta']): [string, string][] {
  const r = m.engineResult;
  if (!r) return [];
  const rows: [string, string][] = [
    [
      'Iterations',
      `${formatCount(r.iterations)} completed, ${formatCount(r.interruptedIterations)} interrupted, ${formatCount(r.droppedIterations)} dropped; peak ${r.peakVus} VUs${r.peakAllocatedVus === undefined ? '' : ` busy, ${r.peakAllocatedVus} allocated`}`,
    ],
  ];
  const errors = Object.entries(r.flowErrors).sort((a, b) => b[1] - a[1]);
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map(([message, n]) => `${formatCount(n)}× ${message}`);
    if (errors.length > 5) shown.push(`and ${errors.length - 5} more`);
    rows.push(['Flow errors', shown.join('; ')]);
  }
  return rows;
}

function metricRows(analysis: RunAnalysis): Pick<ReportView, 'trends' | 'others'> {
  const trends: ReportView['trends'] = [];
  const others: ReportView['others'] = [];
  for (const [name, s] of Object.entries(analysis.summary.metrics)) {
    switch (s.kind) {
      case 'trend': {
        const f = (v: number) => formatTrendValue(name, v);
        const figures = [s.avg, s.min, s.med, s.p90, s.p95, s.p99, s.p999, s.max].map(f);
        trends.push({ name, cells: [formatCount(s.count), ...figures] });
        break;
      }
      case 'counter': {
        const bytes = isByteMetric(name);
        const value = bytes ? formatBytes(s.count) : formatCount(s.count);
        const rate = bytes ? `${formatBytes(s.ratePerSec)}/s` : `${trimFixed(s.ratePerSec)}/s`;
        others.push({ name, kind: s.kind, value, detail: rate });
        break;
      }
      case 'rate':
        others.push({
          name,
          kind: s.kind,
          value: formatPercent(s.rate),
          detail: `${formatCount(s.passes)} of ${formatCount(s.total)}`,
        });
        break;
      case 'gauge': {
        const f = (v: number) => formatGaugeValue(name, v);
        others.push({
          name,
          kind: s.kind,
          value: f(s.value),
          detail: `min ${f(s.min)}, max ${f(s.max)}`,
        });
        break;
      }
    }
  }
  return { trends, others };
}
