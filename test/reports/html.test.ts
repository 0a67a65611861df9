import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { renderHtml } from '../../reports/render/html.js';
import { sampleRun } from './fixtures/sample-run.js';
import { meta } from './fixtures/run-data-builder.js';

const HOSTILE = '</script><script>alert(1)</script>';

function render(run = sampleRun()) {
  return renderHtml(run, analyseRun(run));
}

describe('renderHtml', () => {
  const html = render();

  it('is one document with the CSP that forbids any request', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:" />`,
    );
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
  });

  it('inlines uPlot and the chart data', () => {
    expect(html).toContain('var uPlot=function');
    expect(html).toContain('.uplot');
    const json = /<script type="application\/json" id="run-data">([^<]*)<\/script>/.exec(html)?.[1];
    const data = JSON.parse(json ?? 'null') as { t: number[]; charts: { title: string }[] };
    expect(data.t).toHaveLength(30);
    expect(data.charts.map((c) => c.title)).toEqual([
      'Latency over time (http_req_duration)',
      'Throughput and errors',
      'Load: VUs, iterations and dropped iterations',
      'Server CPU and utilisation (%) vs p99',
      'Server memory vs p99',
      'Latency distribution (HDR percentile plot)',
    ]);
    expect(html.match(/data-chart-index="\d"/g)).toHaveLength(6);
  });

  it('shows the verdict, run metadata and every threshold with its outcome', () => {
    expect(html).toContain('banner--fail');
    expect(html).toContain('>FAILED<');
    expect(html).toContain('checkout smoke');
    expect(html).toContain('http://127.0.0.1:3000');
    expect(html).toContain('0123456789ab on main');
    const rows = [
      ...html.matchAll(
        /<tr class="row--(pass|fail)">\s*<td><code>([^<]*)<\/code><\/td>\s*<td><code>([^<]*)<\/code>/g,
      ),
    ];
    expect(rows.map((m) => [m[2], m[3], m[1]])).toEqual([
      ['http_req_duration', 'p(95)&lt;100', 'pass'],
      ['http_req_duration', 'avg&lt;10', 'fail'],
      ['http_req_duration{name:login}', 'max&lt;50', 'pass'],
      ['http_req_failed', 'rate&lt;0.01', 'pass'],
    ]);
    expect(html).toContain('3 of 4 thresholds passed');
  });

  it('has the latency and per-endpoint tables', () => {
    expect(html).toMatch(/<code>http_req_duration<\/code><\/td><td class="num">1,230<\/td>/);
    expect(html).toMatch(
      /<code>login<\/code><\/td><td>POST<\/td><td class="num">600<\/td><td class="num">20<\/td><td class="num">0.17%<\/td>/,
    );
    expect(html).toMatch(/<code>home<\/code><\/td><td>GET<\/td><td class="num">630<\/td>/);
  });

  it('escapes a hostile scenario name and series label everywhere', () => {
    const base = meta();
    const run = sampleRun({
      status: 'passed',
      scenario: { ...base.scenario, name: HOSTILE, thresholds: {} },
      serverSeries: [
        { id: 'process.cpu_percent', label: HOSTILE, unit: 'percent', source: 'process' },
      ],
    });
    const out = render(run);
    expect(out).not.toContain(HOSTILE);
    expect(out).not.toContain('<script>alert(1)');
    expect(out).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // The label travels in the JSON, with `<` escaped so it cannot end the script element.
    expect(out).toContain('\\u003c/script\\u003e\\u003cscript\\u003ealert(1)');
    // Exactly the report's own three scripts.
    expect(out.match(/<script\b/gi)).toHaveLength(3);
    expect(out.match(/<\/script>/gi)).toHaveLength(3);
    expect(out).toContain('>PASSED<');
  });

  it('escapes U+2028 and U+2029 in the embedded JSON', () => {
    const run = sampleRun({
      serverSeries: [
        { id: 'process.cpu_percent', label: 'a\u2028b\u2029c', unit: 'percent', source: 'process' },
      ],
    });
    const out = render(run);
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(out).toContain('a\\u2028b\\u2029c');
  });

  it('shows the engine result, with flow errors escaped', () => {
    const out = render(
      sampleRun({
        engineResult: {
          iterations: 1230,
          interruptedIterations: 2,
          droppedIterations: 0,
          flowErrors: { '<b>boom</b>': 3, timeout: 7 },
          peakVus: 10,
        },
      }),
    );
    expect(out).toContain('1,230 completed, 2 interrupted, 0 dropped; peak 10 VUs');
    expect(out).toContain('7× timeout; 3× &lt;b&gt;boom&lt;/b&gt;');
  });

  it('shows ERROR with the error message, and INTERRUPTED', () => {
    const error = render(
      sampleRun({ status: 'error', error: { code: 'E_TARGET', message: 'target died' } }),
    );
    expect(error).toContain('>ERROR<');
    expect(error).toContain('E_TARGET: target died');
    expect(render(sampleRun({ status: 'interrupted' }))).toContain('>INTERRUPTED<');
  });
});
