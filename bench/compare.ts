import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration, parseDuration } from '../core/duration.js';
import { readRun } from '../core/run-dir/read-run.js';
import type { RunData } from '../core/run-dir/run-data.js';
import { runScenario } from '../harness/lifecycle/run-scenario.js';
import { balancedOrder } from '../harness/ab/round-order.js';
import { compareRuns, DEFAULT_COMPARE_SETTINGS } from '../reports/analysis/compare/compare-runs.js';
import type { Comparison, MetricVerdict } from '../reports/analysis/compare/comparison.js';
import { soak } from '../scenarios/profile.js';
import { scenario } from '../scenarios/scenario.js';
import { sampleApi } from '../targets/sample-api/index.js';

/**
 * How often compare calls noise a regression, and how often it finds a real one: pairs of
 * rounds of a fixed-cost server, A against A and A against A with 10 % more service time, run
 * in ab's balanced order. The server is the sample API: `--service sleep` (the default: GET
 * /delay, a timer, so only the waking up competes for CPU) or `--service cpu` (every request
 * hashes for the service time: CPU-bound, so a busy machine stretches it). Each pair is judged with all
 * its rounds (3 + 3 by default) and with its first round per side alone (1 + 1). Figures, not
 * assertions; `npm run bench:compare -- --pairs 20`.
 *
 * `--keep <dir>` keeps every pair's runs (<dir>/NN-aa/base/<run>, …) instead of deleting them;
 * `--judge <dir>` runs nothing and judges the pairs kept there again, so a change to the
 * statistics is measured on the same runs.
 */
const { values: flags } = parseArgs({
  options: {
    pairs: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    'round-duration': { type: 'string', default: '20s' },
    'service-ms': { type: 'string', default: '20' },
    slower: { type: 'string', default: '1.1' },
    vus: { type: 'string', default: '1' },
    service: { type: 'string', default: 'sleep' },
    keep: { type: 'string' },
    judge: { type: 'string' },
  },
});
const SERVICE = flags.service === 'cpu' ? 'cpu' : 'sleep';
const PAIRS = Number(flags.pairs);
const ROUNDS = Number(flags.rounds);
const ROUND_MS = parseDuration(flags['round-duration'], '--round-duration');
const SERVICE_MS = Number(flags['service-ms']);
const SLOWER_MS = Math.round(SERVICE_MS * Number(flags.slower));
const VUS = Number(flags.vus);
const JUDGED = ['p50', 'p95', 'p99'] as const;

interface Tally {
  regression: number;
  improvement: number;
  unchanged: number;
  inconclusive: number;
}
const tally = (): Tally => ({ regression: 0, improvement: 0, unchanged: 0, inconclusive: 0 });

/** A pair's verdict on the latency percentiles: regression if any of them regressed. */
function latencyVerdict(c: Comparison): MetricVerdict {
  const verdicts = c.metrics
    .filter((m) => !m.endpoint && (JUDGED as readonly string[]).includes(m.stat))
    .map((m) => m.verdict);
  if (verdicts.includes('regression')) return 'regression';
  if (verdicts.includes('improvement')) return 'improvement';
  return verdicts.every((v) => v === 'unchanged') ? 'unchanged' : 'inconclusive';
}

async function round(serviceMs: number, outDir: string): Promise<RunData> {
  const path = SERVICE === 'cpu' ? '/fast' : `/delay?ms=${serviceMs}`;
  const env: Record<string, string> =
    SERVICE === 'cpu'
      ? { SAMPLE_API_MODE: 'cpu', CPU_MS: String(serviceMs) }
      : { SAMPLE_API_MODE: 'healthy' };
  const outcome = await runScenario({
    scenario: scenario({
      name: 'compare-bench',
      target: sampleApi({ env }),
      profile: soak({ vus: VUS, duration: ROUND_MS }),
      warmup: '1s',
      flow: async (vu) => {
        await vu.http.get(path, { name: 'service' });
      },
    }),
    outDir,
    interrupt: new AbortController().signal,
    progress: {},
    cwd: process.cwd(),
  });
  return outcome.run;
}

const results = {
  aa: { rounds: tally(), single: tally() },
  ab: { rounds: tally(), single: tally() },
};
const started = Date.now();

function judge(
  i: number,
  total: number,
  kind: 'aa' | 'ab',
  sides: Record<'base' | 'candidate', RunData[]>,
): void {
  const all = compareRuns(sides.base, sides.candidate, DEFAULT_COMPARE_SETTINGS);
  const one = compareRuns(
    sides.base.slice(0, 1),
    sides.candidate.slice(0, 1),
    DEFAULT_COMPARE_SETTINGS,
  );
  const vAll = latencyVerdict(all);
  const vOne = latencyVerdict(one);
  results[kind].rounds[vAll]++;
  results[kind].single[vOne]++;
  const p50 = all.metrics.find((m) => m.stat === 'p50' && !m.endpoint)!;
  process.stderr.write(
    `pair ${i + 1}/${total} ${kind === 'aa' ? 'A/A' : 'A/B'}: p50 ${p50.base.toFixed(2)} → ${p50.candidate.toFixed(2)} ms (${((p50.relative ?? 0) * 100).toFixed(1)} %); ${sides.base.length}+${sides.candidate.length}: ${vAll} (${all.method}), 1+1: ${vOne}; ${formatDuration(Date.now() - started)} so far\n`,
  );
}

/** The runs of one side kept under `dir`, oldest first (run ids start with their time). */
const keptRuns = (dir: string): RunData[] =>
  readdirSync(dir)
    .sort()
    .map((id) => readRun(join(dir, id)));

let pairs = PAIRS;
let rounds = ROUNDS;
if (flags.judge !== undefined) {
  const judgeDir = flags.judge;
  // Whole pairs only: a pair still running (or cut short) has a side short of runs.
  const whole = (name: string): boolean => {
    const runs = ['base', 'candidate'].map((side) => {
      const dir = join(judgeDir, name, side);
      return existsSync(dir) ? readdirSync(dir).map((id) => join(dir, id)) : [];
    });
    return (
      runs[0]!.length > 0 &&
      runs[0]!.length === runs[1]!.length &&
      runs.flat().every((run) => existsSync(join(run, 'summary.json')))
    );
  };
  const kept = readdirSync(judgeDir)
    .filter((name) => /^\d+-(aa|ab)$/.test(name) && whole(name))
    .sort();
  pairs = kept.filter((name) => name.endsWith('aa')).length;
  for (const [i, name] of kept.entries()) {
    const kind = name.endsWith('aa') ? 'aa' : 'ab';
    const dir = join(flags.judge, name);
    const base = keptRuns(join(dir, 'base'));
    rounds = base.length;
    judge(i, kept.length, kind, { base, candidate: keptRuns(join(dir, 'candidate')) });
  }
} else {
  // A/A and A/B pairs alternate, so a quiet or busy hour weighs on both.
  const order = Array.from(
    { length: 2 * PAIRS },
    (_, i) => (i % 2 === 0 ? 'aa' : 'ab') as 'aa' | 'ab',
  );
  for (const [i, kind] of order.entries()) {
    const dir =
      flags.keep === undefined
        ? mkdtempSync(join(tmpdir(), 'loadrig-bench-compare-'))
        : join(flags.keep, `${String(i + 1).padStart(3, '0')}-${kind}`);
    mkdirSync(dir, { recursive: true });
    const sides: Record<'base' | 'candidate', RunData[]> = { base: [], candidate: [] };
    for (const side of balancedOrder(ROUNDS)) {
      const serviceMs = side === 'candidate' && kind === 'ab' ? SLOWER_MS : SERVICE_MS;
      sides[side].push(await round(serviceMs, join(dir, side)));
    }
    judge(i, order.length, kind, sides);
    if (flags.keep === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

const counted = (t: Tally): number => t.regression + t.improvement + t.unchanged + t.inconclusive;
const pct = (n: number, of: number) => `${n}/${of} (${Math.round((100 * n) / of)} %)`;
const line = (label: string, r: Tally, s: Tally) =>
  `${label.padEnd(34)}${pct(r.regression, counted(r)).padEnd(18)}${pct(s.regression, counted(s)).padEnd(18)}${`${r.inconclusive}/${r.unchanged}/${r.improvement}`.padEnd(18)}${s.inconclusive}/${s.unchanged}/${s.improvement}`;
console.log(
  `\ncompare bench, ${new Date().toISOString().slice(0, 10)}, ${hostname()} (${cpus().length} × ${cpus()[0]?.model ?? '?'}):`,
);
console.log(
  `${pairs} A/A and ${pairs} A/B pairs${flags.judge === undefined ? '' : ` (judged again from ${flags.judge})`}; sample API, ${SERVICE === 'cpu' ? 'cpu mode (CPU_MS)' : 'GET /delay (a timer)'} ${SERVICE_MS} vs ${SLOWER_MS} ms (+${Math.round((SLOWER_MS / SERVICE_MS - 1) * 100)} %); ${VUS} VU closed loop; rounds of ${formatDuration(ROUND_MS)} in balanced order (as run: the flags, not the kept runs, give these when judging again); a pair counts as "regression" when p50, p95 or p99 regressed (alpha ${DEFAULT_COMPARE_SETTINGS.alpha}, min effect ${DEFAULT_COMPARE_SETTINGS.minEffect * 100} %)\n`,
);
console.log(
  `${''.padEnd(34)}${`${rounds}+${rounds} rounds`.padEnd(18)}${'1+1 round'.padEnd(18)}${'rest (inc/unch/impr)'.padEnd(18)}1+1 rest`,
);
console.log(line('A/A: regression (false positive)', results.aa.rounds, results.aa.single));
console.log(line('A/B +10 %: regression found', results.ab.rounds, results.ab.single));
console.log(`\ntook ${formatDuration(Date.now() - started)}`);
