import type { RunAnalysis } from '../analysis/analyse.js';
import type { ThresholdResult } from '../analysis/thresholds/thresholds.js';
import { failsOn, type FailOn } from '../analysis/verdict.js';
import { sortFindings, type Finding } from '../model/finding.js';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { formatThresholdActual } from './format.js';
import { xmlAttr as attr, xmlText as text } from './xml-escape.js';

/**
 * JUnit XML in the shape every CI reads (testsuites > testsuite > testcase > failure|error|
 * skipped): one test case per threshold expression, one per critical or warning finding, and
 * one for the run itself, which errors when the run was interrupted or ended in an error.
 * Failures are exactly what fails the exit code: failed thresholds, and findings at or above
 * `--fail-on` (recorded in run.json). A finding that does not fail the run is `<skipped>` with
 * its severity and title as the message and the evidence in system-out: CI reporters (Jenkins,
 * GitLab, Azure DevOps, GitHub's test reporters) list skipped cases with their message and
 * count them apart, whereas a passed case's output is only seen by opening that case. Pure.
 */
export function renderJunit(run: RunData, analysis: RunAnalysis): string {
  const meta = redactDeep(run.meta);
  const suiteName = `loadrig: ${meta.scenario.name}`;
  const timeSec = analysis.summary.durationSec;
  const failOn = meta.failOn ?? 'never';
  const findingCases = sortFindings(analysis.findings ?? [])
    .filter((f) => f.severity !== 'info')
    .map((f) => findingCase(f, failOn));
  const thresholdCases = analysis.thresholds.map(thresholdCase);
  // A run that failed for a reason with no case of its own (k6's thresholds) fails its run case.
  const explained = [...thresholdCases, ...findingCases].some((c) => c.outcome === 'failure');
  const cases = [runCase(run, explained), ...thresholdCases, ...findingCases];
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  const errors = cases.filter((c) => c.outcome === 'error').length;
  const skipped = cases.filter((c) => c.outcome === 'skipped').length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loadrig" ${counts} skipped="${skipped}" time="${timeSec}">`,
    `  <testsuite name="${attr(suiteName)}" ${counts} skipped="${skipped}" time="${timeSec}" timestamp="${attr(meta.startedAt.replace(/Z$/, ''))}" hostname="${attr(meta.host.hostname)}">`,
    '    <properties>',
    ...[
      ['run.id', meta.id],
      ['scenario.file', meta.scenario.file ?? ''],
      ['target', `${meta.target.name} (${meta.target.provider}) ${meta.target.baseUrl}`],
      ['status', meta.status],
      ['fail-on', failOn],
      ['loadrig', meta.loadrig],
      ['git.commit', meta.git?.commit ?? ''],
    ].map(([name, value]) => `      <property name="${attr(name!)}" value="${attr(value!)}"/>`),
    '    </properties>',
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

interface Case {
  outcome: 'pass' | 'failure' | 'error' | 'skipped';
  xml: string;
}

function testcase(classname: string, name: string, body: string[]): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="0"`;
  return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, '    </testcase>'].join('\n');
}

function runCase(run: RunData, failureExplained: boolean): Case {
  const { status, error } = run.meta;
  const name = 'run completed';
  if (status === 'failed' && !failureExplained) {
    const message = 'the run failed (exit code 1) with every threshold and finding passing here';
    const body = `      <failure message="${attr(message)}" type="run">${text(message)}</failure>`;
    return { outcome: 'failure', xml: testcase('loadrig.run', name, [body]) };
  }
  if (status === 'error' || status === 'interrupted' || status === 'running') {
    const message = error
      ? `${error.code}: ${error.message}`
      : status === 'error'
        ? 'the run ended in an error'
        : 'the run was interrupted; figures cover only part of it';
    const body = `      <error message="${attr(message)}" type="${attr(status)}">${text(message)}</error>`;
    return { outcome: 'error', xml: testcase('loadrig.run', name, [body]) };
  }
  return { outcome: 'pass', xml: testcase('loadrig.run', name, []) };
}

function thresholdCase(r: ThresholdResult): Case {
  const classname = `loadrig.thresholds.${r.selector}`;
  if (r.ok) return { outcome: 'pass', xml: testcase(classname, r.expression, []) };
  const message =
    r.message ?? `${r.aggregation}=${formatThresholdActual(r)}, expected ${r.expression}`;
  const body = `      <failure message="${attr(message)}" type="threshold">${text(`${r.selector}: ${r.expression}\n${message}`)}</failure>`;
  return { outcome: 'failure', xml: testcase(classname, r.expression, [body]) };
}

function findingCase(f: Finding, failOn: FailOn): Case {
  const classname = `loadrig.findings.${f.id}`;
  const figures = Object.entries(f.evidence.figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const range =
    f.evidence.fromT === undefined
      ? ''
      : `\nFrom t=${f.evidence.fromT} to t=${f.evidence.toT ?? f.evidence.fromT}`;
  const detail = `${f.evidence.text}${figures ? `\nFigures: ${figures}` : ''}${range}\nCause: ${f.cause}\nFix: ${f.fix}`;
  const name = `[${f.severity}] ${f.title}`;
  if (failsOn(f.severity, failOn)) {
    const body = `      <failure message="${attr(f.title)}" type="${f.severity}">${text(detail)}</failure>`;
    return { outcome: 'failure', xml: testcase(classname, name, [body]) };
  }
  const why =
    failOn === 'never'
      ? 'findings do not fail this run (no --fail-on)'
      : `does not fail this run (--fail-on ${failOn})`;
  const body = [
    `      <skipped message="${attr(`${f.severity}, ${why}: ${f.title}`)}"/>`,
    `      <system-out>${text(`${f.severity}: ${detail}`)}</system-out>`,
  ];
  return { outcome: 'skipped', xml: testcase(classname, name, body) };
}
