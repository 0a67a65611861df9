import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRun } from '../../../core/run-dir/read-run.js';
import { runCli } from '../../helpers/cli.js';

// Real stepped measurements of the sample API (short steps: ~1 min per capacity run). The
// sample API burns CPU for a wall-clock time per request, and the generator shares this
// machine's cores with it: figures are checked against what the modes must show, with the
// margins the issue sets.
const SCENARIO = join(import.meta.dirname, '../../fixtures/scenarios/capacity-think.ts');
const SHORT_STEPS = ['--step-duration', '12s', '--measure', '5s', '--steady-window', '3s'];

interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
}
interface CapacityJson {
  answer: { status: string; sentence: string };
  groups: {
    label: string;
    steps: {
      level: number;
      throughputPerSec: number;
      measuredSeconds: number;
      settleSeconds: number;
    }[];
    usl: {
      sigma: Estimate;
      kappa: Estimate;
      peakConcurrency: Estimate;
      peakThroughput: Estimate;
      rSquared: number;
    };
    sloCapacity: { perSec: number | null };
  }[];
  sweep: {
    rows: {
      instances: number;
      sloPerSec: number | null;
      gain: number | null;
      efficiency: number | null;
    }[];
  } | null;
  notes: string[];
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'loadrig-capacity-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function capacity(
  args: string[],
  env: Record<string, string>,
): Promise<{
  code: number | null;
  json: CapacityJson;
  stdout: string;
  stderr: string;
  dir: string;
}> {
  const before = new Set(readdirSync(out));
  const r = await runCli(['capacity', SCENARIO, ...SHORT_STEPS, '--runs', out, ...args], {
    env,
    timeoutMs: 280_000,
  });
  const dir = readdirSync(out).find((d) => !before.has(d));
  if (!dir) throw new Error(`no capacity folder; stderr:\n${r.stderr}`);
  const json = JSON.parse(readFileSync(join(out, dir, 'capacity.json'), 'utf8')) as CapacityJson;
  for (const g of json.groups) {
    const u = g.usl;
    console.log(
      `${env['SAMPLE_API_MODE']} ${g.label}: σ ${u?.sigma.value} κ ${u?.kappa.value} N* ${u?.peakConcurrency.value} X_max ${u?.peakThroughput.value} R² ${u?.rSquared}; ` +
        `req/s ${g.steps.map((s) => s.throughputPerSec.toFixed(1)).join(' ')}; within the SLO ${g.sloCapacity.perSec}`,
    );
  }
  return { code: r.code, json, stdout: r.stdout, stderr: r.stderr, dir: join(out, dir) };
}

describe('loadrig capacity against the sample API', () => {
  it('cpu mode (100 ms per request, one core): X_max within 15 % of 1000/CPU_MS, σ small', async () => {
    // 900 ms of think time: each VU offers ~1 req/s, so the knee sits near 10 VUs.
    const r = await capacity(['--slo', 'p(99)<20000', '--steps', '1,2,4,8,12,16,24'], {
      SAMPLE_API_MODE: 'cpu',
      CPU_MS: '100',
      THINK_MS: '900',
    });
    expect(r.code).toBe(0);
    const g = r.json.groups[0];
    expect(g?.steps).toHaveLength(7);
    const xMax = g?.usl.peakThroughput.value ?? NaN;
    expect(Math.abs(xMax - 10) / 10).toBeLessThanOrEqual(0.15);
    expect(g?.usl.sigma.value).toBeLessThan(0.1);
    expect(g?.usl.rSquared).toBeGreaterThan(0.9);
    // One target kept up for every step; each step a run of its own, ended once steady.
    const manifest = JSON.parse(readFileSync(join(r.dir, 'capacity-runs.json'), 'utf8')) as {
      groups: { runs: string[] }[];
    };
    const runs = (manifest.groups[0]?.runs ?? []).map((d) => readRun(join(r.dir, d)));
    expect(runs).toHaveLength(7);
    expect(new Set(runs.map((run) => run.meta.target.pid)).size).toBe(1);
    expect(runs.every((run) => run.meta.status === 'passed')).toBe(true);
    const holdMs = runs.map((run) => {
      const hold = run.meta.phases.find((p) => p.kind === 'hold');
      return hold ? hold.endMs - hold.startMs : Infinity;
    });
    expect(Math.min(...holdMs)).toBeLessThan(12_000);
  }, 300_000);

  it('block mode (a 100 ms stall every 10th request): κ > 0 or an early peak', async () => {
    const r = await capacity(['--slo', 'p(99)<20000', '--steps', '1,2,4,6,8,12,16'], {
      SAMPLE_API_MODE: 'block',
      THINK_MS: '45',
    });
    expect(r.code).toBe(0);
    const g = r.json.groups[0];
    const u = g?.usl;
    const x = g?.steps.map((s) => s.throughputPerSec) ?? [];
    // An early peak: the model puts its peak inside the measured steps, or throughput has
    // already stopped rising there (the top step adds under 5 % to the one before).
    const peakInRange = (u?.peakConcurrency.value ?? Infinity) <= 16;
    const flattened = (x.at(-1) ?? 0) < 1.05 * (x.at(-2) ?? 0);
    expect((u?.kappa.value ?? 0) > 0 || peakInRange || flattened).toBe(true);
    // The stalls are serial: nothing gets past 10 stalls of 100 ms per second.
    expect(Math.max(...x)).toBeLessThanOrEqual(100 * 1.1);
  }, 300_000);

  it('--sweep env.WORKERS=1,2 over the cluster mode reports the second worker’s gain, and that the generator shares the cores', async () => {
    const r = await capacity(
      ['--slo', 'p(99)<400', '--steps', '2,4,8,12,16,24', '--sweep', 'env.WORKERS=1,2'],
      {
        SAMPLE_API_MODE: 'cpu',
        CPU_MS: '50',
        THINK_MS: '450',
      },
    );
    expect(r.code).toBe(0);
    expect(r.json.groups.map((g) => g.label)).toEqual(['env.WORKERS = 1', 'env.WORKERS = 2']);
    const [one, two] = r.json.sweep?.rows ?? [];
    expect(one?.sloPerSec).toBeGreaterThan(0);
    // The gain reported is the measured one: the second count's throughput over the first's.
    expect(two?.gain).toBeCloseTo((two?.sloPerSec ?? NaN) / (one?.sloPerSec ?? NaN), 6);
    expect(two?.efficiency).toBeCloseTo((two?.gain ?? NaN) / 2, 6);
    expect(two?.gain).toBeGreaterThan(1.2);
    expect(two?.gain).toBeLessThan(2.3);
    expect(r.json.notes.join('\n')).toMatch(
      /generator ran on the same \d+-core machine as the target/,
    );
    expect(r.stdout).toMatch(
      /Within p\(99\)<400 ms: env\.WORKERS = 1 up to [\d.,]+ req\/s, env\.WORKERS = 2 up to [\d.,]+ req\/s \([\d.]+×\)/,
    );
  }, 300_000);
});
