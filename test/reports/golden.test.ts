import { describe, expect, it } from 'vitest';
import { analyseRun, type RunAnalysis } from '../../reports/analysis/analyse.js';
import type { RunData } from '../../core/run-dir/run-data.js';
import { renderConsoleSummary } from '../../reports/render/console-summary.js';
import { renderHtml } from '../../reports/render/html.js';
import { renderJunit } from '../../reports/render/junit.js';
import { renderMarkdown } from '../../reports/render/markdown.js';
import { toSummaryJson } from '../../reports/render/summary-json.js';
import { sampleFindings } from '../fixtures/runs/findings.js';
import { hostileRun } from '../fixtures/runs/hostile-run.js';
import { sampleRun } from './fixtures/sample-run.js';

/**
 * Golden files of the pure renderers on fixture run data (findings fixed, so a detector change
 * does not move them). A deliberate change: `npx vitest run test/reports/golden.test.ts -u`,
 * then read the diff of test/reports/golden/ like code.
 */
function fixture(run: RunData): [RunData, RunAnalysis] {
  return [run, { ...analyseRun(run), findings: sampleFindings() }];
}

/** The HTML without the inlined vendor code and styles, which are not ours to pin. */
function htmlSkeleton(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '<style>…</style>')
    .replace(/<script>[\s\S]*?<\/script>/g, '<script>…</script>')
    .replace(
      /(<script type="application\/json" id="run-data">)([\s\S]*?)(<\/script>)/,
      (_, a, json: string, b) => {
        return `${a}\n${JSON.stringify(JSON.parse(json), null, 1)}\n${b}`;
      },
    );
}

describe.each([
  ['sample', () => fixture(sampleRun())],
  ['hostile', () => fixture(hostileRun())],
])('golden output: %s run', (name, make) => {
  const [run, analysis] = make();

  it('console summary', async () => {
    await expect(renderConsoleSummary(run, analysis, { color: false })).toMatchFileSnapshot(
      `golden/${name}.console.txt`,
    );
  });

  it('Markdown', async () => {
    await expect(renderMarkdown(run, analysis)).toMatchFileSnapshot(`golden/${name}.summary.md`);
  });

  it('JUnit XML', async () => {
    await expect(renderJunit(run, analysis)).toMatchFileSnapshot(`golden/${name}.junit.xml`);
  });

  it('summary.json', async () => {
    await expect(JSON.stringify(toSummaryJson(run, analysis), null, 2)).toMatchFileSnapshot(
      `golden/${name}.summary.json`,
    );
  });

  it('HTML (without inlined assets)', async () => {
    await expect(htmlSkeleton(renderHtml(run, analysis))).toMatchFileSnapshot(
      `golden/${name}.report.html`,
    );
  });
});
