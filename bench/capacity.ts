import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { readRun } from '../core/run-dir/read-run.js';
import { measureCapacity, type SweepPlan } from '../harness/lifecycle/capacity/measure-capacity.js';
import type { StepPlan } from '../harness/lifecycle/capacity/step-plan.js';
import {
  analyseCapacity,
  type CapacityAnalysis,
} from '../reports/analysis/capacity/analyse-capacity.js';
import { parseSlo } from '../reports/analysis/capacity/slo.js';
import { DEFAULT_FIT_RULES } from '../reports/analysis/capacity/usl-summary.js';
import { soak } from '../scenarios/profile.js';
import { scenario, type Scenario } from '../scenarios/scenario.js';
import { sampleApi } from '../targets/sample-api/index.js';

/**
 * `npm run bench:capacity`: the capacity measurement of the sample API's modes, each a stepped
 * run on one instance (and a sweep over cluster workers), with the USL figures against what the
 * mode must give. Figures, not assertions. BENCH_CASES picks cases (comma-separated names).
 */
interface Case {
  name: string;
  env: Record<string, string>;
  thinkMs: number;
  steps: number[];
  slo: string;
  /** What the mode allows, in req/s, and why. */
  ceiling: { perSec: number; why: string };
  sweep?: SweepPlan;
}

const workers = (values: number[]): SweepPlan => ({
  setting: 'env.WORKERS',
  values,
  apply: (s, v) => {
    const t = s.target as ReturnType<typeof sampleApi>;
    return { ...s, target: { ...t, env: { ...t.env, WORKERS: String(v) } } };
  },
});

const CASES: Case[] = [
  {
    name: 'cpu',
    env: { SAMPLE_API_MODE: 'cpu', CPU_MS: '50' },
    thinkMs: 450,
    steps: [1, 2, 4, 8, 12, 16, 24],
    slo: 'p(99)<1000',
    ceiling: { perSec: 20, why: '1000 / CPU_MS (50 ms of CPU per request on one core)' },
  },
  {
    name: 'block',
    env: { SAMPLE_API_MODE: 'block' },
    thinkMs: 45,
    steps: [1, 2, 4, 6, 8, 12, 16],
    slo: 'p(99)<1000',
    ceiling: {
      perSec: 100,
      why: 'BLOCK_EVERY × 1000 / BLOCK_MS (a 100 ms stall every 10th request)',
    },
  },
  {
    name: 'pool',
    env: { SAMPLE_API_MODE: 'pool' },
    thinkMs: 20,
    steps: [1, 2, 4, 6, 8, 12, 16],
    slo: 'p(99)<1000',
    ceiling: { perSec: 200, why: 'POOL_SIZE / POOL_HOLD_MS (4 connections held 20 ms)' },
  },
  {
    name: 'cpu-cluster',
    env: { SAMPLE_API_MODE: 'cpu', CPU_MS: '50' },
    thinkMs: 450,
    steps: [2, 4, 8, 12, 16, 24, 32],
    slo: 'p(99)<400',
    ceiling: { perSec: 20, why: 'per worker: 1000 / CPU_MS' },
    sweep: workers([1, 2]),
  },
];

const STEP_SECONDS = Number(process.env['BENCH_STEP_SECONDS'] ?? 14);
const picked = process.env['BENCH_CASES']?.split(',');
const plan = (steps: number[]): StepPlan => ({
  model: 'closed',
  levels: steps,
  stepDurationMs: STEP_SECONDS * 1000,
  steadiness: { windowSeconds: 3, cvBound: 0.05 },
  measureSeconds: Math.max(3, STEP_SECONDS - 8),
});

function caseScenario(c: Case): Scenario {
  return scenario({
    name: `capacity-${c.name}`,
    target: sampleApi({ env: c.env }),
    profile: soak({ vus: 1, duration: '5s' }),
    flow: async (vu) => {
      await vu.http.get('/fast');
      await vu.sleep(c.thinkMs / 1000);
    },
  });
}

const fmt = (v: number | null | undefined, digits = 3): string =>
  v === null || v === undefined
    ? '–'
    : Number.isFinite(v)
      ? String(Number(v.toPrecision(digits)))
      : '∞';

function describe(c: Case, a: CapacityAnalysis, seconds: number): void {
  console.log(
    `\n${c.name} (${Object.entries(c.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}, think ${c.thinkMs} ms; ${fmt(seconds, 3)} s)`,
  );
  console.log(`  ceiling: ${c.ceiling.perSec} req/s = ${c.ceiling.why}`);
  for (const g of a.groups) {
    const u = g.usl;
    const top = Math.max(...g.steps.map((s) => s.throughputPerSec));
    console.log(
      `  ${g.label.padEnd(16)} steps ${g.steps.length}  σ ${fmt(u?.sigma.value)} [${fmt(u?.sigma.low, 2)}, ${fmt(u?.sigma.high, 2)}]` +
        `  κ ${fmt(u?.kappa.value)}  λ ${fmt(u?.lambda.value)}  R² ${fmt(u?.rSquared, 4)}  N* ${fmt(u?.peakConcurrency.value)}` +
        `  X_max ${fmt(u?.peakThroughput.value)} (${fmt(((u?.peakThroughput.value ?? NaN) / (c.ceiling.perSec * g.instances) - 1) * 100, 2)} % vs ceiling)` +
        `  measured top ${fmt(top)}  within ${c.slo}: ${fmt(g.slo.perSec)} req/s` +
        `  server CPU ms/req ${fmt(g.steps.at(-1)?.server.cpuMsPerRequest)}${g.stoppedEarly ? '  (stopped early)' : ''}`,
    );
  }
  for (const r of a.sweep?.rows ?? []) {
    console.log(
      `  ${r.instances} worker(s): within SLO ${fmt(r.sloPerSec)} req/s, gain ${fmt(r.gain)}×, efficiency ${fmt((r.efficiency ?? NaN) * 100, 3)} %`,
    );
  }
  console.log(`  answer: ${a.answer.sentence}`);
}

console.log(
  `capacity of the sample API: steps held up to ${STEP_SECONDS} s (steady: CV ≤ 0.05 over 3 s), one run per case; ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at start (the machine is shared: expect noise)`,
);
for (const c of CASES.filter((x) => !picked || picked.includes(x.name))) {
  const dir = mkdtempSync(join(tmpdir(), `loadrig-bench-capacity-${c.name}-`));
  const started = performance.now();
  try {
    const slo = parseSlo(c.slo);
    const outcome = await measureCapacity({
      scenario: caseScenario(c),
      plan: plan(c.steps),
      slo,
      sweep: c.sweep ?? null,
      dir,
      engine: 'builtin',
      interrupt: new AbortController().signal,
      progress: () => ({}),
      say: () => undefined,
      cwd: process.cwd(),
      manifest: {
        slo: c.slo,
        maxErrorRate: slo.maxErrorRate,
        targetRatePerSec: null,
        headroom: 0.3,
      },
    });
    const analysis = analyseCapacity({
      groups: outcome.manifest.groups.map((g) => ({
        label: g.label,
        instances: g.instances,
        runs: g.runs.map((r) => readRun(join(dir, r))),
        ...(g.stoppedEarly ? { stoppedEarly: g.stoppedEarly } : {}),
      })),
      sweepSetting: c.sweep?.setting ?? null,
      slo,
      targetRatePerSec: null,
      headroom: 0.3,
      steadiness: plan(c.steps).steadiness,
      fit: DEFAULT_FIT_RULES,
    });
    describe(c, analysis, (performance.now() - started) / 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
