import type { RunAnalysis } from '../analysis/analyse.js';
import { verdictOf, type Verdict } from '../analysis/verdict.js';
import type { RunData } from '../model/run-data.js';
import { formatDuration } from '../../scenarios/duration.js';
import {
  formatBytes,
  formatCount,
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
  verdict: { label: string; tone: 'pass' | 'fail' | 'warn'; detail: string };
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
}

const TONES: Record<Verdict, ReportView['verdict']['tone']> = {
  passed: 'pass',
  failed: 'fail',
  error: 'fail',
  interrupted: 'warn',
};

export function reportView(run: RunData, analysis: RunAnalysis): ReportView {
  const verdict = verdictOf(run.meta.status, analysis.passed);
  return {
    title: `${run.meta.scenario.name}: ${verdict.toUpperCase()} (loadrig)`,
    heading: run.meta.scenario.name,
    verdict: {
      label: verdict.toUpperCase(),
      tone: TONES[verdict],
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

function verdictDetail(run: RunData, analysis: RunAnalysis): string {
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
  const profile = m.scenario.profile as { kind?: unknown } | null;
  const wallMs = m.endedAt ? Date.parse(m.endedAt) - Date.parse(m.startedAt) : NaN;
  const rows: [string, string][] = [
    ['Scenario', m.scenario.file ? `${m.scenario.name} (${m.scenario.file})` : m.scenario.name],
    ['Profile', typeof profile?.kind === 'string' ? profile.kind : 'unknown'],
    ['Target', `${m.target.name} (${m.target.provider}) at ${m.target.baseUrl}`],
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

function engineRows(m: RunData['meta']): [string, string][] {
  const r = m.engineResult;
  if (!r) return [];
  const rows: [string, string][] = [
    [
      'Iterations',
      `${formatCount(r.iterations)} completed, ${formatCount(r.interruptedIterations)} interrupted, ${formatCount(r.droppedIterations)} dropped; peak ${r.peakVus} VUs`,
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
      case 'gauge':
        others.push({
          name,
          kind: s.kind,
          value: trimFixed(s.value),
          detail: `min ${trimFixed(s.min)}, max ${trimFixed(s.max)}`,
        });
        break;
    }
  }
  return { trends, others };
}
