import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { md, renderMarkdown } from '../../reports/render/markdown.js';
import { HOSTILE_ATTR, HOSTILE_SCRIPT, hostileRun } from '../fixtures/runs/hostile-run.js';
import { sampleFindings } from '../fixtures/runs/findings.js';
import { sampleRun } from './fixtures/sample-run.js';

describe('renderMarkdown', () => {
  it('leads with the verdict, then thresholds, findings by severity and endpoints', () => {
    const run = sampleRun();
    const out = renderMarkdown(run, { ...analyseRun(run), findings: sampleFindings() });
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      '### ❌ loadrig: checkout smoke — FAILED: 1 threshold failed; 1 critical finding and 1 warning',
    );
    expect(lines[2]).toMatch(/^3 of 4 thresholds passed · 1,230 requests/);
    const order = ['#### Thresholds', '#### Findings', '#### Endpoints'].map((h) =>
      lines.indexOf(h),
    );
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    const severities = lines
      .filter((l) => l.startsWith('- '))
      .map((l) => /\*\*(\w+)\*\*/.exec(l)?.[1]);
    expect(severities).toEqual(['critical', 'warning', 'info']);
    expect(out).toContain('| ❌ | http\\_req\\_duration | avg&lt;10 | avg = 19.76ms |');
  });

  it('says so when nothing was found', () => {
    const run = sampleRun({ status: 'passed' });
    expect(renderMarkdown(run, { ...analyseRun(run), findings: [] })).toContain(
      'No red flags found.',
    );
  });

  it('escapes HTML and table syntax in every user string', () => {
    const run = hostileRun();
    const out = renderMarkdown(run, analyseRun(run));
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toContain(md(HOSTILE_SCRIPT));
    expect(md(HOSTILE_ATTR)).toBe('"&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(md('a|b\nc`d`')).toBe('a\\|b c\\`d\\`');
    // Every table row keeps its column count despite `|` in names.
    for (const row of out
      .split('\n')
      .filter((l) => l.startsWith('| GET') || l.startsWith('| POST'))) {
      expect(row.split(/(?<!\\)\|/).length).toBe(10);
    }
  });
});
