import type { RunAnalysis } from '../analysis/analyse.js';
import type { Verdict } from '../analysis/verdict.js';
import { loadNeverStarted } from '../analysis/load-never-started.js';
import { verdictFacts, verdictLine } from '../analysis/verdict-line.js';
import { sortFindings, type FindingSeverity } from '../model/finding.js';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { errorTables } from './error-tables.js';
import { spikeRecoveryText } from './spike-recovery-text.js';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatThresholdActual,
  formatTimestamp,
  trimFixed,
} from './format.js';

const VERDICT_ICON: Record<Verdict, string> = {
  passed: '✅',
  failed: '❌',
  interrupted: '⚠️',
  error: '❌',
};
const SEVERITY_ICON: Record<FindingSeverity, string> = {
  critical: '🔴',
  warning: '🟠',
  info: '🔵',
};

/**
 * A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY: verdict, thresholds,
 * findings, flow and request errors, endpoints. GitHub renders inline HTML, so every user string is escaped. Pure.
 */
export function renderMarkdown(run: RunData, analysis: RunAnalysis): string {
  const meta = redactDeep(run.meta);
  const facts = verdictFacts(run, analysis);
  const line = verdictLine(facts);
  const icon = facts.verdict === 'passed' && line !== 'PASSED' ? '⚠️' : VERDICT_ICON[facts.verdict];
  const { summary } = analysis;
  const latency = summary.metrics['http_req_duration'];
  const failed = summary.metrics['http_req_failed'];
  const reqs = summary.metrics['http_reqs'];
  const headline = [
    `${analysis.thresholds.filter((r) => r.ok).length} of ${analysis.thresholds.length} thresholds passed`,
    reqs?.kind === 'counter'
      ? `${formatCount(reqs.count)} requests (${trimFixed(reqs.ratePerSec)}/s)`
      : '',
    latency?.kind === 'trend' ? `p95 ${formatMs(latency.p95)}, p99 ${formatMs(latency.p99)}` : '',
    failed?.kind === 'rate' ? `${formatPercent(failed.rate)} failed` : '',
  ].filter((part) => part !== '');
  const stopped = loadNeverStarted(run);
  const out = [`### ${icon} loadrig: ${md(meta.scenario.name)} — ${md(line)}`];
  if (!stopped) out.push('', headline.join(' · '));
  if (meta.error) out.push('', `**${md(meta.error.code)}**: ${md(meta.error.message)}`);
  if (meta.error?.hint) out.push('', `*What to do:* ${md(meta.error.hint)}`);
  if (stopped) {
    out.push(
      '',
      'Stopped before any load: no request was measured, so there are no thresholds, findings or figures.',
      '',
      `<sub>run ${md(meta.id)} · ${formatTimestamp(meta.startedAt)} · target ${md(meta.target.name)} (${md(meta.target.provider)}) · loadrig ${md(meta.loadrig)}</sub>`,
      '',
    );
    return out.join('\n');
  }
  if (analysis.thresholds.length > 0) {
    out.push('', '#### Thresholds', '', '| | Metric | Expression | Actual |', '|---|---|---|---|');
    for (const r of analysis.thresholds) {
      const actual = r.message ?? `${r.aggregation} = ${formatThresholdActual(r)}`;
      out.push(
        `| ${r.ok ? '✅' : '❌'} | ${md(r.selector)} | ${md(r.expression)} | ${md(actual)} |`,
      );
    }
  }
  const findings = sortFindings(analysis.findings ?? []);
  out.push('', '#### Findings', '');
  if (findings.length === 0) out.push('No red flags found.');
  for (const f of findings) {
    out.push(
      `- ${SEVERITY_ICON[f.severity]} **${f.severity}**: ${md(f.title)}. ${md(f.evidence.text)}`,
      `  *Cause:* ${md(f.cause)} *Fix:* ${md(f.fix)}`,
    );
  }
  if (analysis.spikeRecovery) {
    const spike = spikeRecoveryText(analysis.spikeRecovery);
    const figures = spike.figures.map((f) => `${md(f.name)} ${md(f.value)}`).join(' · ');
    out.push(
      '',
      '#### Spike recovery',
      '',
      `${spike.recovered ? '✅' : '❌'} ${md(spike.headline)}.`,
      '',
      figures,
    );
  }
  const errors = errorTables(analysis);
  if (errors.flow.length > 0) {
    out.push(
      '',
      '#### Flow errors',
      '',
      '| Count | Of iterations | Message | At |',
      '|--:|--:|---|---|',
    );
    for (const r of errors.flow) {
      out.push(`| ${r.count} | ${r.share} | ${md(r.message)} | ${md(r.location)} |`);
    }
    if (errors.flowMore) out.push('', md(errors.flowMore));
  }
  if (errors.requests.length > 0) {
    out.push(
      '',
      '#### Request errors',
      '',
      '| Count | Of requests | Status | Cause |',
      '|--:|--:|--:|---|',
    );
    for (const r of errors.requests) {
      out.push(`| ${r.count} | ${r.share} | ${r.status} | ${md(r.cause)} |`);
    }
    if (errors.requestsMore) out.push('', md(errors.requestsMore));
  }
  if (summary.endpoints.length > 0) {
    out.push(
      '',
      '#### Endpoints',
      '',
      '| Endpoint | Requests | req/s | Errors | p50 | p95 | p99 | max |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
    );
    for (const e of summary.endpoints) {
      const cells = [
        md(`${e.method} ${e.name}`.trim()),
        formatCount(e.count),
        trimFixed(e.reqPerSec),
        formatPercent(e.errorRate),
        formatMs(e.p50Ms),
        formatMs(e.p95Ms),
        formatMs(e.p99Ms),
        formatMs(e.maxMs),
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  const git = meta.git ? ` · ${meta.git.commit.slice(0, 12)} on ${md(meta.git.branch)}` : '';
  out.push(
    '',
    `<sub>run ${md(meta.id)} · ${formatTimestamp(meta.startedAt)} · ${summary.durationSec} s · target ${md(meta.target.name)} (${md(meta.target.provider)}) · loadrig ${md(meta.loadrig)}${git}</sub>`,
    '',
  );
  return out.join('\n');
}

/**
 * Text safe in a Markdown table cell or paragraph on GitHub: HTML is entity-escaped (GitHub
 * renders inline HTML), Markdown punctuation is backslash-escaped, line breaks become spaces.
 */
export function md(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~]/g, '\\$&')
    .replace(/\r?\n|\r/g, ' ');
}
