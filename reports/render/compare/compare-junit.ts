import type { Comparison, MetricComparison } from '../../analysis/compare/comparison.js';
import { xmlAttr, xmlText } from '../xml-escape.js';
import { compareCells, metricName } from './compare-cells.js';

/**
 * junit.xml of a comparison: one test case per metric. A regression fails; an inconclusive
 * or unjudged metric is skipped (its message says why); unchanged and improved metrics pass
 * with their figures in system-out. Pure.
 */
export function renderCompareJunit(c: Comparison): string {
  const cases = c.metrics.map(metricCase);
  const failures = cases.filter((x) => x.outcome === 'failure').length;
  const skipped = cases.filter((x) => x.outcome === 'skipped').length;
  const counts = `tests="${cases.length}" failures="${failures}" errors="0"`;
  const suite = `loadrig compare: ${c.base.scenario}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="loadrig compare" ${counts}>`,
    `  <testsuite name="${xmlAttr(suite)}" ${counts} skipped="${skipped}">`,
    '    <properties>',
    ...[
      ['verdict', c.verdict],
      ['method', c.method],
      ['alpha', String(c.settings.alpha)],
      ['minEffect', String(c.settings.minEffect)],
      ['base.runs', c.base.runs.map((r) => r.id).join(',')],
      ['candidate.runs', c.candidate.runs.map((r) => r.id).join(',')],
    ].map(
      ([name, value]) => `      <property name="${xmlAttr(name!)}" value="${xmlAttr(value!)}"/>`,
    ),
    '    </properties>',
    ...cases.map((x) => x.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function metricCase(m: MetricComparison): { outcome: 'pass' | 'failure' | 'skipped'; xml: string } {
  const cells = compareCells(m);
  const classname = `loadrig.compare.${m.endpoint ? `${m.endpoint.method} ${m.endpoint.name}` : m.server ? 'server' : 'all'}`;
  const detail = `${metricName(m)}: base ${cells.base}, candidate ${cells.candidate}, change ${cells.change}, interval ${cells.interval}, p (Holm) ${cells.p}, verdict ${m.verdict}${m.note ? ` (${m.note})` : ''}`;
  const open = `    <testcase classname="${xmlAttr(classname)}" name="${xmlAttr(m.label)}" time="0">`;
  const body =
    m.verdict === 'regression'
      ? `      <failure message="${xmlAttr(`${m.label} regressed ${cells.change}`)}" type="regression">${xmlText(detail)}</failure>`
      : m.verdict === 'inconclusive'
        ? `      <skipped message="${xmlAttr(m.judged ? `inconclusive: ${detail}` : `not judged: ${m.note ?? ''}`)}"/>`
        : `      <system-out>${xmlText(detail)}</system-out>`;
  const outcome =
    m.verdict === 'regression' ? 'failure' : m.verdict === 'inconclusive' ? 'skipped' : 'pass';
  return { outcome, xml: [open, body, '    </testcase>'].join('\n') };
}
