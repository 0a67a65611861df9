import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRun } from '../core/run-dir/read-run.js';
import { analyseRun } from '../reports/analysis/analyse.js';
import { analyseCorrelation } from '../reports/analysis/correlation/run-correlation.js';
import { summarise } from '../reports/analysis/summary.js';
import { evaluateThresholds } from '../reports/analysis/thresholds/thresholds.js';
import { buildTimeline } from '../reports/analysis/timeline.js';
import { parseThresholds } from '../scenarios/thresholds.js';
import { renderHtml } from '../reports/render/html.js';
import { renderJunit } from '../reports/render/junit.js';
import { renderMarkdown } from '../reports/render/markdown.js';
import { writeSoakFixture } from './report-fixture.js';

/**
 * The 24-hour soak report: time and size of each step on the generated fixture (kept in the
 * OS temp directory between runs; LOADRIG_BENCH_DIR overrides). Prints figures, never asserts.
 */
const dir = process.env['LOADRIG_BENCH_DIR'] ?? join(tmpdir(), 'loadrig-bench-soak-24h');

function timed<T>(label: string, fn: () => T): T {
  const start = performance.now();
  const value = fn();
  console.log(
    `${label.padEnd(34)} ${((performance.now() - start) / 1000).toFixed(2).padStart(7)} s`,
  );
  return value;
}
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

timed('fixture (generated once, cached)', () => writeSoakFixture(dir));
console.log(`fixture: ${dir}, client.ndjson ${mb(statSync(join(dir, 'client.ndjson')).size)}`);
const run = timed('read run directory', () => readRun(dir));
console.log(`  ${run.client.length} client buckets, ${run.meta.serverSeries.length} server series`);
// The parts of analyseRun, then the whole (which also runs the correlation and the detectors).
const timeline = timed('  timeline (stored percentiles)', () => buildTimeline(run));
timed('  summary (merges every histogram)', () => summarise(run));
timed('  thresholds', () => evaluateThresholds(run, parseThresholds(run.meta.scenario.thresholds)));
timed('  correlation', () => analyseCorrelation(timeline));
const analysis = timed('analyse, all of it', () => analyseRun(run));
const html = timed('render report.html', () => renderHtml(run, analysis));
timed('render junit.xml + summary.md', () => [
  renderJunit(run, analysis),
  renderMarkdown(run, analysis),
]);
console.log(`report.html size                   ${mb(Buffer.byteLength(html)).padStart(9)}`);
