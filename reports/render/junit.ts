import type { RunAnalysis } from '../analysis/analyse.js';
import type { ThresholdResult } from '../analysis/thresholds/thresholds.js';
import { sortFindings, type Finding } from '../model/finding.js';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { formatThresholdActual } from './format.js';
import { xmlAttr as attr, xmlText as text } from './xml-escape.js';

/**
 * JUnit XML in the shape every CI reads (testsuites > testsuite > testcase > failure|error):
 * one test case per threshold expression, one per critical or warning finding (a critical
 * one fails, a warning passes with its evidence in system-out), and one for the run itself,
 * which errors when the run was interrupted or ended in an error. Pure.
 */
export function renderJunit(run: RunData, analysis: RunAnalysis): string {
  const meta = redactDeep(run.meta);
  const suiteName = `loadrig: ${meta.scenario.name}`;
  const timeSec = analysis.summary.durationSec;
  const cases = [
    runCase(run),
    ...analysis.thresholds.map(thresholdCase),
    ...sortFindings(analysis.findings ?? [])
      .filter((f) => f.severity !== 'info')
      .map(findingCase),
  ];
  const failures = cases.filter((c) => c.outcome === 'failure').length;
  const errors = cases.filter((c) => c.outcome === 'error').length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loadrig" ${counts} time="${timeSec}">`,
    `  <testsuite name="${attr(suiteName)}" ${counts} skipped="0" time="${timeSec}" timestamp="${attr(meta.startedAt.replace(/Z$/, ''))}" hostname="${attr(meta.host.hostname)}">`,
    '    <properties>',
    ...[
      ['run.id', meta.id],
      ['scenario.file', meta.scenario.file ?? ''],
      ['target', `${meta.target.name} (${meta.target.provider}) ${meta.target.baseUrl}`],
      ['status', meta.status],
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
  outcome: 'pass' | 'failure' | 'error';
  xml: string;
}

function testcase(classname: string, name: string, body: string[]): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="0"`;
  return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, '    </testcase>'].join('\n');
}

function runCase(run: RunData): Case {
  const { status, error } = run.meta;
  const name = 'run completed';
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

function findingCase(f: Finding): Case {
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
  if (f.severity === 'critical') {
    const body = `      <failure message="${attr(f.title)}" type="critical">${text(detail)}</failure>`;
    return { outcome: 'failure', xml: testcase(classname, name, [body]) };
  }
  const body = `      <system-out>${text(`warning: ${detail}`)}</system-out>`;
  return { outcome: 'pass', xml: testcase(classname, name, [body]) };
}
