import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunData } from '../../../core/run-dir/run-data.js';
import { runCli } from '../../helpers/cli.js';
import { uslRun } from '../../reports/capacity/stepped-run.js';

function writeRunDir(dir: string, run: RunData): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run.meta, null, 2));
  writeFileSync(join(dir, 'client.ndjson'), run.client.map((b) => JSON.stringify(b)).join('\n'));
  writeFileSync(join(dir, 'server.ndjson'), run.server.map((s) => JSON.stringify(s)).join('\n'));
  return dir;
}

describe('loadrig capacity --from', () => {
  let root: string;
  let stress: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'loadrig-capacity-from-'));
    stress = writeRunDir(join(root, 'stress'), uslRun());
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('analyses a stress run: the answer on stdout, three outputs beside it, exit 0', async () => {
    const r = await runCli([
      'capacity',
      '--from',
      stress,
      '--slo',
      'p(99)<100',
      '--target-rate',
      '3000',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^\n\d+ instances of this size serve 3,000 req\/s within p\(99\)<100 ms/,
    );
    for (const file of ['capacity.html', 'capacity.md', 'capacity.json']) {
      expect(r.stdout).toContain(join(stress, file));
      expect(existsSync(join(stress, file))).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(stress, 'capacity.json'), 'utf8')) as {
      groups: { steps: unknown[]; usl: { sigma: { value: number } } }[];
    };
    expect(json.groups[0]?.steps).toHaveLength(7);
    expect(json.groups[0]?.usl.sigma.value).toBeCloseTo(0.05, 2);
  });

  it('exit 1 when no measured step met the SLO', async () => {
    const out = join(root, 'never');
    mkdirSync(out);
    const r = await runCli([
      'capacity',
      '--from',
      stress,
      '--slo',
      'p(99)<5',
      '--output',
      out,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/No measured step met p\(99\)<5 ms/);
    expect(existsSync(join(out, 'capacity.json'))).toBe(true);
  });

  it('re-analyses a capacity folder from its capacity-runs.json', async () => {
    const folder = join(root, 'capacity');
    writeRunDir(join(folder, 'steps', 'run-a'), uslRun());
    writeFileSync(
      join(folder, 'capacity-runs.json'),
      JSON.stringify({
        schemaVersion: 1,
        scenario: 'checkout',
        slo: 'p(99)<100',
        maxErrorRate: 0.01,
        targetRatePerSec: null,
        headroom: 0.2,
        plan: {
          model: 'closed',
          levels: [1, 2, 4, 8, 16, 24, 32],
          stepDurationMs: 30000,
          steadiness: { windowSeconds: 5, cvBound: 0.05 },
          measureSeconds: 10,
        },
        sweep: null,
        groups: [
          { label: 'one instance', instances: 1, runs: ['steps/run-a'], stoppedEarly: null },
        ],
      }),
    );
    const r = await runCli(['capacity', '--from', folder, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /One instance serves up to [\d,.]+ req\/s within p\(99\)<100 ms; plan [\d,.]+ req\/s per instance with 20 % headroom/,
    );
    expect(readFileSync(join(folder, 'capacity.md'), 'utf8')).toMatch(
      /^### 📈 loadrig capacity: checkout/,
    );
  });

  it('exit 2 for bad input, with what to do', async () => {
    const noSlo = await runCli(['capacity', '--from', stress]);
    expect(noSlo.code).toBe(2);
    expect(noSlo.stderr).toMatch(/--slo is required/);
    const badSlo = await runCli(['capacity', '--from', stress, '--slo', 'p(99)>300']);
    expect(badSlo.code).toBe(2);
    expect(badSlo.stderr).toMatch(/upper bound on a latency statistic/);
    const missing = await runCli(['capacity', '--from', join(root, 'nope'), '--slo', 'p(99)<1']);
    expect(missing.code).toBe(2);
    const nothing = await runCli(['capacity']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/needs a scenario file to measure, or --from/);
    const both = await runCli([
      'capacity',
      'x.ts',
      '--slo',
      'p(99)<1',
      '--steps',
      '1',
      '--step-rate',
      '2',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--steps and --step-rate were both given/);
  });
});
