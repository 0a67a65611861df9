import { describe, expect, it } from 'vitest';
import {
  compareRuns,
  DEFAULT_COMPARE_SETTINGS,
} from '../../../reports/analysis/compare/compare-runs.js';
import type { Comparison } from '../../../reports/analysis/compare/comparison.js';
import { renderCompareConsole } from '../../../reports/render/compare/compare-console.js';
import { renderCompareHtml } from '../../../reports/render/compare/compare-html.js';
import {
  COMPARE_SCHEMA_VERSION,
  toCompareJson,
} from '../../../reports/render/compare/compare-json.js';
import { renderCompareJunit } from '../../../reports/render/compare/compare-junit.js';
import { renderCompareMarkdown } from '../../../reports/render/compare/compare-markdown.js';
import { HOSTILE_ATTR, HOSTILE_SCRIPT } from '../../fixtures/runs/hostile-run.js';
import { parseXml, type XmlElement } from '../xml-tree.js';
import { syntheticRun } from './synthetic-runs.js';

const HOSTILE = `${HOSTILE_SCRIPT}${HOSTILE_ATTR} | *x* `;

function hostile(run: ReturnType<typeof syntheticRun>) {
  return {
    ...run,
    meta: { ...run.meta, scenario: { ...run.meta.scenario, name: HOSTILE } },
  };
}

const base = [hostile(syntheticRun({ id: 'base-1', seed: 1, latencyMs: 20 }))];
const candidate = [hostile(syntheticRun({ id: 'cand-1', seed: 2, latencyMs: 24 }))];
const comparison: Comparison = compareRuns(base, candidate, {
  ...DEFAULT_COMPARE_SETTINGS,
  resamples: 400,
});

function all(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];
}

describe('compare.json', () => {
  const json = toCompareJson(comparison);

  it('is versioned, says the verdict and the method, and has null for figures that do not exist', () => {
    expect(json).toMatchObject({
      schemaVersion: COMPARE_SCHEMA_VERSION,
      kind: 'loadrig.compare',
      verdict: 'regression',
      method: 'bootstrap',
    });
    expect(json.settings.resamples).toBeGreaterThanOrEqual(400);
    const text = JSON.stringify(json);
    expect(text).not.toContain('NaN');
    const max = json.metrics.find((m) => m.stat === 'max' && !m.endpoint)!;
    expect(max).toMatchObject({ judged: false, pAdjusted: null, verdict: 'inconclusive' });
    const p50 = json.metrics.find((m) => m.stat === 'p50' && !m.endpoint)!;
    expect(p50.verdict).toBe('regression');
    expect(p50.relative!).toBeGreaterThan(0.1);
    expect(p50.interval.low!).toBeGreaterThan(0);
    expect(p50.runs.base).toHaveLength(1);
  });
});

describe('compare.md', () => {
  const md = renderCompareMarkdown(comparison);

  it('puts the verdict first and a row per metric, regressions on top', () => {
    expect(md.split('\n')[0]).toMatch(/^### ❌ loadrig compare: .* — REGRESSION$/);
    const rows = md.split('\n').filter((l) => /^\| (❌|✅|🟰|❔) \|/.test(l));
    expect(rows).toHaveLength(comparison.metrics.length);
    expect(rows[0]).toContain('❌');
  });

  it('escapes what the runs say (a scenario name is user text)', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;/script&gt;');
  });
});

describe('junit.xml', () => {
  const root = parseXml(renderCompareJunit(comparison));

  it('has a test case per metric: regressions fail, unjudged and inconclusive ones are skipped', () => {
    const cases = all(root, 'testcase');
    expect(cases).toHaveLength(comparison.metrics.length);
    const failed = cases.filter((c) => c.children.some((x) => x.name === 'failure'));
    expect(failed.length).toBe(comparison.metrics.filter((m) => m.verdict === 'regression').length);
    expect(failed.length).toBeGreaterThanOrEqual(3);
    const skipped = cases.filter((c) => c.children.some((x) => x.name === 'skipped'));
    expect(skipped.length).toBe(
      comparison.metrics.filter((m) => m.verdict === 'inconclusive').length,
    );
    const suite = all(root, 'testsuite')[0]!;
    expect(suite.attrs['failures']).toBe(String(failed.length));
    expect(suite.attrs['name']).toBe(`loadrig compare: ${HOSTILE}`);
  });
});

describe('the console table', () => {
  it('aligns one line per metric under the verdict', () => {
    const text = renderCompareConsole(comparison, { color: false });
    expect(text).toContain('✗ REGRESSION');
    const lines = text
      .split('\n')
      .filter((l) => / (regression|improvement|unchanged|inconclusive|not judged)\s*$/.test(l));
    expect(lines).toHaveLength(comparison.metrics.length);
    const header = text.split('\n').find((l) => l.includes('p (Holm)'))!;
    // Right-aligned figures: every "base" cell ends where the header's "base" ends.
    const end = header.indexOf('base') + 'base'.length;
    for (const l of lines) expect(l[end - 1]).not.toBe(' ');
  });
});

describe('compare.html', () => {
  const html = renderCompareHtml(comparison, base, candidate);

  it('is self-contained under the run report’s CSP, with the verdict first', () => {
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
    expect(html.indexOf('banner__verdict')).toBeLessThan(html.indexOf('id="metrics"'));
    expect(html).toContain('>REGRESSION<');
  });

  it('escapes user text in markup and in the inline data', () => {
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<script/g)).toHaveLength(3);
    const data = /<script type="application\/json" id="compare-data">([^<]*)<\/script>/.exec(
      html,
    )![1]!;
    const parsed = JSON.parse(data) as { charts: { id: string; series: unknown[] }[] };
    expect(parsed.charts.map((c) => c.id)).toEqual([
      'chart-p50',
      'chart-p99',
      'chart-throughput',
      'chart-distribution',
      'chart-server-cpu',
      'chart-server-memory',
    ]);
    expect(parsed.charts[0]!.series).toHaveLength(2);
  });
});
