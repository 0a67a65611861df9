import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../core/package-root.js';
import { readRun } from '../core/run-dir/read-run.js';
import { SeriesIndex } from '../core/series/series-index.js';
import { analyseRun } from '../reports/analysis/analyse.js';
import { analyseCorrelation } from '../reports/analysis/correlation/run-correlation.js';
import { runDetectors } from '../reports/analysis/detectors/index.js';
import { summarise } from '../reports/analysis/summary.js';
import { evaluateThresholds } from '../reports/analysis/thresholds/thresholds.js';
import { buildTimeline } from '../reports/analysis/timeline.js';
import { parseThresholds } from '../scenarios/thresholds.js';
import { renderHtml } from '../reports/render/html.js';
import { renderJunit } from '../reports/render/junit.js';
import { renderMarkdown } from '../reports/render/markdown.js';
import { exactDigest } from './exact-json.js';
import { writeSoakFixture } from './report-fixture.js';

/**
 * The 24-hour soak report: time of each step on the generated fixture (kept in the OS temp
 * directory between runs; LOADRIG_BENCH_DIR overrides), repeated LOADRIG_BENCH_REPEAT times
 * (default 3). Wall time and this process's CPU time per step: on a shared machine the wall
 * time varies with the load, the CPU time much less. Prints figures, never asserts; the last
 * line is a digest of the whole analysis, equal across versions whose results are identical.
 */
const dir = process.env['LOADRIG_BENCH_DIR'] ?? join(tmpdir(), 'loadrig-bench-soak-24h');
const repeat = Number(process.env['LOADRIG_BENCH_REPEAT'] ?? 3);

const seconds = (s: number) => `${s.toFixed(2).padStart(6)} s`;

function timed<T>(label: string, fn: () => T): T {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  const wallSec = (performance.now() - wall) / 1000;
  const cpuSec = (used.user + used.system) / 1e6;
  console.log(`${label.padEnd(46)} ${seconds(wallSec)}   cpu ${seconds(cpuSec)}`);
  return value;
}

/** User + system seconds of this process's waited-for children (Linux), for the CLI run. */
function childCpuSec(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100; // cutime, cstime in USER_HZ
  } catch {
    return undefined;
  }
}

/** Just the JSON of client.ndjson, line by line: what reading costs before any validation. */
function parseOnly(): number {
  const lines = readFileSync(join(dir, 'client.ndjson'), 'utf8').split('\n');
  let parsed = 0;
  for (const line of lines) if (line !== '') parsed += JSON.parse(line) ? 1 : 0;
  return parsed;
}

function reportCommand(): void {
  const cpuBefore = childCpuSec();
  const wall = performance.now();
  const cli = spawnSync(
    process.execPath,
    [join(packageRoot(), 'bin', 'loadrig.js'), 'report', dir],
    {
      stdio: 'ignore',
    },
  );
  const wallSec = (performance.now() - wall) / 1000;
  const cpuAfter = childCpuSec();
  const cpu =
    cpuBefore !== undefined && cpuAfter !== undefined ? seconds(cpuAfter - cpuBefore) : '     ?';
  console.log(
    `${'loadrig report <dir> (new process, end to end)'.padEnd(46)} ${seconds(wallSec)}   cpu ${cpu}   exit ${cli.status}`,
  );
}

timed('fixture (generated once, cached)', () => writeSoakFixture(dir));
console.log(
  `fixture: ${dir}, client.ndjson ${(statSync(join(dir, 'client.ndjson')).size / 1e6).toFixed(2)} MB`,
);
let digest = '';
for (let r = 1; r <= repeat; r++) {
  console.log(
    `\n-- repetition ${r} of ${repeat}                                   wall          cpu`,
  );
  timed('JSON.parse of client.ndjson alone', parseOnly);
  const run = timed('read run directory (parse + validate)', () => readRun(dir));
  // The steps of analyseRun, in its order, then the whole of it.
  const index = timed('  index the client series', () => new SeriesIndex(run.client));
  const thresholds = parseThresholds(run.meta.scenario.thresholds);
  timed('  thresholds (decode each histogram once)', () =>
    evaluateThresholds(run, thresholds, index),
  );
  const summary = timed('  summary (reads the same index)', () => summarise(run, index));
  const timeline = timed('  timeline (stored percentiles)', () => buildTimeline(run));
  timed('  correlation', () => analyseCorrelation(timeline));
  timed('  detectors', () => runDetectors({ run, summary, timeline }, run.meta.scenario.detectors));
  const analysis = timed('analyse, all of it (analyseRun)', () => analyseRun(run));
  timed('render report.html', () => renderHtml(run, analysis));
  timed('render junit.xml + summary.md', () => [
    renderJunit(run, analysis),
    renderMarkdown(run, analysis),
  ]);
  reportCommand();
  digest = exactDigest(analysis);
}
console.log(`\nanalysis sha256 ${digest}`);
