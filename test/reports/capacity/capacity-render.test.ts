import { describe, expect, it } from 'vitest';
import { analyseCapacity } from '../../../reports/analysis/capacity/analyse-capacity.js';
import { parseSlo } from '../../../reports/analysis/capacity/slo.js';
import { DEFAULT_STEADINESS } from '../../../reports/analysis/capacity/steadiness.js';
import { DEFAULT_FIT_RULES } from '../../../reports/analysis/capacity/usl-summary.js';
import { REPORT_CSP } from '../../../reports/render/html.js';
import { renderCapacityHtml } from '../../../reports/render/capacity/capacity-html.js';
import { renderCapacityJson } from '../../../reports/render/capacity/capacity-json.js';
import { renderCapacityMarkdown } from '../../../reports/render/capacity/capacity-markdown.js';
import { uslRun } from './stepped-run.js';

function analysis(scenarioName = 'checkout', slo = 'p(99)<100') {
  const run = uslRun();
  run.meta.scenario.name = scenarioName;
  return analyseCapacity({
    groups: [{ label: 'one instance', instances: 1, runs: [run] }],
    sweepSetting: null,
    slo: parseSlo(slo),
    targetRatePerSec: 3000,
    headroom: 0.3,
    steadiness: DEFAULT_STEADINESS,
    fit: { ...DEFAULT_FIT_RULES, resamples: 30 },
  });
}

describe('capacity outputs', () => {
  it('capacity.html: self-contained, the answer first, charts as inline data', () => {
    const a = analysis();
    const html = renderCapacityHtml(a);
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    const answerAt = html.indexOf('class="answer"');
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(html.indexOf('id="setup"'));
    expect(html).toContain(a.answer.sentence.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    const json = /<script type="application\/json" id="capacity-data">(.*?)<\/script>/s.exec(
      html,
    )?.[1];
    const data = JSON.parse(json ?? '') as { charts: { id: string; x: number[] }[] };
    expect(data.charts.map((c) => c.id)).toEqual(['usl-0', 'latency-0']);
    expect(html).toContain('data-chart="usl-0"');
    expect(html).toContain('monotone cubic interpolation (Fritsch–Carlson)');
  });

  it('escapes what a user named, in HTML and Markdown', () => {
    const a = analysis('<img src=x onerror=alert(1)>|*');
    expect(renderCapacityHtml(a)).not.toContain('<img src=x');
    const md = renderCapacityMarkdown(a);
    expect(md).not.toContain('<img');
    expect(md).toMatch(/^### 📈 loadrig capacity: &lt;img src=x onerror=alert\(1\)&gt;\\\|\\\*/);
  });

  it('capacity.md: the answer in bold, a row per step, the fit with intervals, the notes', () => {
    const md = renderCapacityMarkdown(analysis());
    expect(md).toMatch(/\n\*\*\d+ instances of this size serve 3,000 req\/s/);
    expect(md.match(/^\| \d+ VUs? \|/gm)).toHaveLength(7);
    expect(md).toMatch(/- σ \(contention\): [\d.]+ \([\d.]+–[\d.]+\)/);
    expect(md).toContain('#### Notes');
  });

  it('capacity.json: versioned, non-finite numbers as null', () => {
    const a = analysis();
    const g = a.groups[0];
    if (!g?.usl) throw new Error('no fit');
    g.usl.amdahlLimit.high = Infinity;
    const json = JSON.parse(renderCapacityJson(a)) as Record<string, unknown> & {
      groups: { usl: { amdahlLimit: { high: unknown }; params?: unknown }; steps: unknown[] }[];
    };
    expect(json['schemaVersion']).toBe(1);
    expect(json['slo']).toMatchObject({ expression: 'p(99)<100', statistic: 'p(99)', limit: 100 });
    expect(json['answer']).toMatchObject({ status: 'answered', basis: 'one-instance-linear' });
    expect(json.groups[0]?.usl.amdahlLimit.high).toBeNull();
    expect(json.groups[0]?.usl.params).toBeUndefined();
    expect(json.groups[0]?.steps).toHaveLength(7);
  });
});
