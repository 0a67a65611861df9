import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../reports/analysis/analyse.js';
import { renderConsoleSummary } from '../../reports/render/console-summary.js';
import { sampleFindings } from '../fixtures/runs/findings.js';
import { sampleRun } from './fixtures/sample-run.js';

const run = sampleRun();
const analysis = analyseRun(run);
const plain = renderConsoleSummary(run, analysis, { color: false });
const metricLines = plain.split('\n').filter((l) => /^ {4}[a-z_]+\.+: /.test(l));

describe('renderConsoleSummary', () => {
  it('says PASSED with the warnings a passing run found, as the report and Markdown do', () => {
    const passing = sampleRun();
    passing.meta.scenario.thresholds = {};
    const text = renderConsoleSummary(
      passing,
      { ...analyseRun(passing), findings: sampleFindings() },
      { color: false },
    );
    expect(text).toContain('✓ PASSED with 1 critical finding and 1 warning\n');
  });

  it('lists thresholds with ✓ and ✗ and the compared figure', () => {
    expect(plain).toContain('✗ FAILED');
    expect(plain).toMatch(/✓ 'p\(95\)<100' p\(95\)=\d+(\.\d+)?ms/);
    expect(plain).toMatch(/✗ 'avg<10' avg=19\.76ms/);
    expect(plain).toContain("✓ 'rate<0.01' rate=0.08%");
  });

  it('prints k6-like metric lines', () => {
    const line = (name: string) => metricLines.find((l) => l.startsWith(`    ${name}.`)) ?? '';
    expect(line('http_req_duration')).toMatch(
      /: avg=19\.76ms min=5ms med=\d+(\.\d+)?ms max=40ms p\(90\)=\d+(\.\d+)?ms p\(95\)=\d+(\.\d+)?ms p\(99\)=\d+(\.\d+)?ms$/,
    );
    expect(line('http_reqs')).toMatch(/: 1230 +41\/s$/);
    expect(line('http_req_failed')).toMatch(/: 0\.08% +1 out of 1230$/);
    expect(line('checks')).toMatch(/: 100\.00% +1230 out of 1230$/);
    expect(line('iterations')).toMatch(/: 1230 +41\/s$/);
    expect(line('data_received')).toMatch(/: 1\.2 MB +41 kB\/s$/);
    expect(line('data_sent')).toMatch(/: 246 kB +8\.2 kB\/s$/);
    expect(line('vus')).toMatch(/: 10 +min=1 max=10$/);
    expect(line('vus_max')).toMatch(/: 10$/);
  });

  it('aligns the colon and the first value column', () => {
    expect(metricLines).toHaveLength(9);
    expect(new Set(metricLines.map((l) => l.indexOf(':'))).size).toBe(1);
    // The second column starts at one position whatever the width of the first value.
    const restAt = (name: string, rest: string) =>
      metricLines.find((l) => l.startsWith(`    ${name}.`))?.indexOf(rest);
    const columns = [
      restAt('checks', '1230 out of 1230'),
      restAt('data_received', '41 kB/s'),
      restAt('http_req_failed', '1 out of 1230'),
      restAt('http_reqs', '41/s'),
      restAt('vus', 'min=1 max=10'),
    ];
    expect(columns[0]).toBeGreaterThan(0);
    expect(new Set(columns).size).toBe(1);
  });

  it('has an endpoint table', () => {
    expect(plain).toMatch(/ {4}home +GET +630 +0\.00% +/);
    expect(plain).toMatch(/ {4}login +POST +600 +0\.17% +/);
  });

  it('adds ANSI colors only when asked', () => {
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[/;
    expect(plain).not.toMatch(ansi);
    const colored = renderConsoleSummary(run, analysis, { color: true });
    expect(colored).toMatch(ansi);
    // eslint-disable-next-line no-control-regex
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
