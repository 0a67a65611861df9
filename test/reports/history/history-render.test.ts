import { describe, expect, it } from 'vitest';
import { analyseHistory } from '../../../reports/analysis/history/history-analysis.js';
import { renderHistoryHtml } from '../../../reports/render/history/history-html.js';
import { toHistoryJson } from '../../../reports/render/history/history-json.js';
import { renderHistoryMarkdown } from '../../../reports/render/history/history-markdown.js';
import { REPORT_CSP } from '../../../reports/render/html.js';
import { syntheticHistory } from './synthetic-history.js';

/**
 * Golden files of the history renderers on a fixed synthetic history (p99 +15 % from run 25).
 * A deliberate change: `npx vitest run test/reports/history/history-render.test.ts -u`, then
 * read the diff of test/reports/history/golden/ like code.
 */
function stepped() {
  const runs = syntheticHistory({ runs: 40, seed: 7, p99Step: { at: 25, factor: 1.15 } });
  runs.forEach((r) => (r.report = `${r.id}/report.html`));
  return analyseHistory(runs);
}

/** A history whose user strings try to break out of every context they are printed in. */
function hostile() {
  const runs = syntheticHistory({ runs: 12, seed: 2 }).map((r, i) => ({
    ...r,
    scenario: '<script>alert(1)</script> | *bold* [x](javascript:y)',
    branch: 'feat/"><img src=x onerror=alert(1)>',
    report: `"><script>x</script>${i}/report.html`,
    digest: {
      ...r.digest,
      figures: {
        ...r.digest.figures,
        'latency.p99[GET </script><script>alert(2)</script>]': 5 + (i > 8 ? 3 : 0),
      },
    },
  }));
  return analyseHistory(runs, { windowLen: 30, maxP: 0.05, minMagnitude: 0.05 });
}

const source = { kind: 'runs' as const, location: 'runs' };

function htmlSkeleton(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '<style>…</style>')
    .replace(/<script>[\s\S]*?<\/script>/g, '<script>…</script>')
    .replace(
      /(<script type="application\/json" id="history-data">)([\s\S]*?)(<\/script>)/,
      (_, a, json: string, b) => `${a}\n${JSON.stringify(JSON.parse(json), null, 1)}\n${b}`,
    );
}

describe('history renderers: golden output', () => {
  it('history.json', async () => {
    await expect(JSON.stringify(toHistoryJson(stepped(), source), null, 2)).toMatchFileSnapshot(
      'golden/stepped.history.json',
    );
  });

  it('history.md', async () => {
    await expect(renderHistoryMarkdown(stepped())).toMatchFileSnapshot('golden/stepped.history.md');
  });

  it('history.html (without the inlined uPlot, styles and chart script)', async () => {
    await expect(htmlSkeleton(renderHistoryHtml(stepped(), source))).toMatchFileSnapshot(
      'golden/stepped.history.html',
    );
  });

  it('hostile strings: Markdown and HTML', async () => {
    await expect(renderHistoryMarkdown(hostile())).toMatchFileSnapshot('golden/hostile.history.md');
    await expect(htmlSkeleton(renderHistoryHtml(hostile(), source))).toMatchFileSnapshot(
      'golden/hostile.history.html',
    );
  });
});

describe('history.html', () => {
  const html = renderHistoryHtml(stepped(), source);

  it('is self-contained under the run report’s Content-Security-Policy', () => {
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//i);
    expect(html).toContain('uPlot');
  });

  it('marks the regression with its commit, date and shift, and links each run’s report', () => {
    const json = toHistoryJson(stepped(), source);
    const cp = json.regressions[0]?.changePoint;
    expect(cp).toBeDefined();
    expect(html).toContain(cp!.commit!.slice(0, 7));
    expect(html).toContain(`href="${json.groups[0]!.runs[25]!.report}"`);
    expect(html).toMatch(/REGRESSION/);
  });

  it('never lets a user string out of its context', () => {
    const page = renderHistoryHtml(hostile(), source);
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toMatch(/<\/script><script>alert\(2\)/);
    expect(renderHistoryMarkdown(hostile())).not.toContain('<script>');
  });
});

describe('history.json', () => {
  it('says regression, with the change point the newest run continues', () => {
    const json = toHistoryJson(stepped(), source);
    expect(json.schemaVersion).toBe(1);
    expect(json.verdict).toBe('regression');
    expect(json.regressions.map((r) => [r.key, r.state, r.changePoint.runIndex])).toContainEqual([
      'latency.p99',
      'continues',
      25,
    ]);
    expect(json.options).toEqual({ window: 30, maxP: 0.001, minMagnitude: 0.05 });
  });
});
