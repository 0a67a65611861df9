import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { renderConsoleSummary } from '../../reports/render/console-summary.js';
import { renderHtml } from '../../reports/render/html.js';
import { renderJunit } from '../../reports/render/junit.js';
import { renderMarkdown } from '../../reports/render/markdown.js';
import { toSummaryJson } from '../../reports/render/summary-json.js';
import { runData, withThresholds } from './fixtures/run-data-builder.js';

const stopped = () => {
  const run = runData([], {
    meta: {
      ...withThresholds({ http_req_duration: ['p(95)<300'] }),
      status: 'error',
      error: {
        code: 'E_TARGET_UNHEALTHY',
        message: 'target "api" did not answer GET /health within 30000 ms',
        hint: 'check its logs in target.log',
      },
    },
  });
  return { run, analysis: analyseRun(run) };
};

describe('a run that stopped before any load', () => {
  it('has no thresholds judged and no findings: nothing was measured', () => {
    const { analysis } = stopped();
    expect(analysis.thresholds).toEqual([]);
    expect(analysis.findings).toEqual([]);
    expect(analysis.passed).toBe(false);
  });

  it('says why in every output: code, message, hint; no load figures', () => {
    const { run, analysis } = stopped();
    const html = renderHtml(run, analysis);
    expect(html).toContain('<h2>Stopped before any load</h2>');
    expect(html).toContain('<code>E_TARGET_UNHEALTHY</code>');
    expect(html).toContain('check its logs in target.log');
    expect(html).not.toContain('id="charts"');
    expect(html).not.toContain('Findings:');

    const json = toSummaryJson(run, analysis);
    expect(json).toMatchObject({
      verdict: 'error',
      verdictLine: 'ERROR',
      error: { code: 'E_TARGET_UNHEALTHY', hint: 'check its logs in target.log' },
      thresholds: [],
    });

    const md = renderMarkdown(run, analysis);
    expect(md.split('\n')[0]).toBe('### ❌ loadrig: checkout smoke — ERROR');
    expect(md).toContain('*What to do:* check its logs in target.log');
    expect(md).not.toContain('thresholds passed');

    const text = renderConsoleSummary(run, analysis, { color: false });
    expect(text).toContain('✗ ERROR');
    expect(text).toContain('hint check its logs in target.log');
    expect(text).not.toContain('TOTAL RESULTS');

    const junit = renderJunit(run, analysis);
    expect(junit).toContain('tests="1" failures="0" errors="1"');
  });

  it('a run whose status is passed with no seconds is not one (it is judged as recorded)', () => {
    const run = runData([], { meta: withThresholds({ http_req_duration: ['p(95)<300'] }) });
    expect(analyseRun(run).thresholds).toHaveLength(1);
  });
});
