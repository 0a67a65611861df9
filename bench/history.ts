import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseHistory } from '../reports/analysis/history/history-analysis.js';
import { historyFormats } from '../reports/render/history/history-formats.js';
import { loadHistoryRuns } from '../harness/history/load-history-runs.js';
import { writeNightlyRuns } from './history-fixture.js';

/**
 * `npm run bench:history`: 1,000 generated run directories (30 s hold, two endpoints) →
 * history, timed per step: read (run.json + digest.json), analyse (change points of every
 * figure), render (html, md, json). Then the slow path, runs without digest.json read whole.
 * Prints figures; asserts nothing. BENCH_HISTORY_RUNS and BENCH_HISTORY_REPEAT change the size.
 */
const RUNS = Number(process.env['BENCH_HISTORY_RUNS'] ?? 1000);
const REPEAT = Number(process.env['BENCH_HISTORY_REPEAT'] ?? 3);
const WITHOUT_DIGEST = 100;

function history(root: string): { read: number; analyse: number; render: number; runs: number } {
  const t0 = performance.now();
  const loaded = loadHistoryRuns(root, { filter: {}, writtenTo: root });
  const t1 = performance.now();
  const analysis = analyseHistory(loaded.runs);
  const t2 = performance.now();
  for (const format of Object.values(historyFormats)) {
    format.render(analysis, { kind: 'runs', location: root });
  }
  const t3 = performance.now();
  return { read: t1 - t0, analyse: t2 - t1, render: t3 - t2, runs: loaded.runs.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const root = mkdtempSync(join(tmpdir(), 'loadrig-bench-history-'));
try {
  let t = performance.now();
  writeNightlyRuns(root, {
    runs: RUNS,
    seed: 1,
    latencyStep: { at: Math.floor(RUNS * 0.6), factor: 1.15 },
  });
  console.log(
    `generated ${RUNS} run directories in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const rounds = Array.from({ length: REPEAT }, () => history(root));
  const total = rounds.map((r) => r.read + r.analyse + r.render);
  const pick = rounds[total.indexOf(median(total))]!;
  console.log(
    `history of ${pick.runs} runs: ${(median(total) / 1000).toFixed(2)} s (median of ${REPEAT}; read ${(pick.read / 1000).toFixed(2)} s, analyse ${(pick.analyse / 1000).toFixed(2)} s, render ${(pick.render / 1000).toFixed(2)} s; all: ${total.map((x) => (x / 1000).toFixed(2)).join(', ')} s)`,
  );

  const cli = join(import.meta.dirname, '..', '..', 'bin', 'loadrig.js');
  const cliMs: number[] = [];
  let out = '';
  for (let i = 0; i < REPEAT; i++) {
    t = performance.now();
    const r = spawnSync(process.execPath, [cli, 'history', '--runs', root], { encoding: 'utf8' });
    cliMs.push(performance.now() - t);
    out = `exit ${r.status}: ${r.stdout.split('\n').slice(0, 3).join(' | ')}`;
  }
  console.log(
    `loadrig history --runs <${RUNS} runs> as a process: ${(median(cliMs) / 1000).toFixed(2)} s (median of ${REPEAT}: ${cliMs.map((x) => (x / 1000).toFixed(2)).join(', ')} s)`,
  );
  console.log(`  ${out}`);

  const slow = mkdtempSync(join(tmpdir(), 'loadrig-bench-history-nodigest-'));
  try {
    writeNightlyRuns(slow, { runs: WITHOUT_DIGEST, seed: 2, digest: false });
    t = performance.now();
    const r = history(slow);
    const ms = performance.now() - t;
    console.log(
      `without digest.json (runs read whole): ${r.runs} runs in ${(ms / 1000).toFixed(2)} s = ${(ms / r.runs).toFixed(1)} ms per run, vs ${(median(total) / pick.runs).toFixed(2)} ms per run with it`,
    );
  } finally {
    rmSync(slow, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
