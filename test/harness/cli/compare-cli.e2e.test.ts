import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunData } from '../../../core/run-dir/run-data.js';
import { runCli } from '../../helpers/cli.js';
import { syntheticRun } from '../../reports/compare/synthetic-runs.js';

const V1 = join(import.meta.dirname, '../../fixtures/run-dirs/v1');
const DEMO = join(V1, '20261203T131733Z-demo');
const OPEN = join(V1, '20261203T131745Z-v1-open-model');

let dir: string;

function writeRun(run: RunData, parent: string): string {
  const path = join(parent, run.meta.id);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'run.json'), JSON.stringify(run.meta));
  writeFileSync(
    join(path, 'client.ndjson'),
    run.client.map((b) => JSON.stringify(b)).join('\n') + '\n',
  );
  writeFileSync(
    join(path, 'server.ndjson'),
    run.server.map((s) => JSON.stringify(s)).join('\n') + '\n',
  );
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loadrig-compare-cli-'));
  for (const seed of [1, 2])
    writeRun(syntheticRun({ id: `fast-${seed}`, seed, latencyMs: 20 }), join(dir, 'fast'));
  for (const seed of [3, 4])
    writeRun(syntheticRun({ id: `slow-${seed}`, seed, latencyMs: 24 }), join(dir, 'slow'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('loadrig compare', () => {
  it('exits 1 on a regression and writes the four outputs; --fail-on never exits 0', async () => {
    const out = join(dir, 'out');
    const r = await runCli([
      'compare',
      join(dir, 'fast'),
      join(dir, 'slow'),
      '--output',
      out,
      '--resamples',
      '500',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ REGRESSION');
    expect(r.stdout).toContain('2 runs of');
    for (const f of ['compare.html', 'compare.md', 'compare.json', 'junit.xml'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain('type="regression"');
    const never = await runCli([
      'compare',
      join(dir, 'fast'),
      join(dir, 'slow'),
      '-o',
      join(dir, 'out2'),
      '--fail-on',
      'never',
      '-f',
      'json',
    ]);
    expect(never.code).toBe(0);
    expect(existsSync(join(dir, 'out2', 'compare.html'))).toBe(false);
  });

  it('refuses runs of different scenarios and profiles with exit 2, naming every difference', async () => {
    const r = await runCli(['compare', DEMO, OPEN, '--output', join(dir, 'refused')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('these runs measure different things');
    expect(r.stderr).toContain(
      'scenario: base run 1 (20261203T131733Z-demo) has "demo", candidate run 1 (20261203T131745Z-v1-open-model) has "v1 open model"',
    );
    expect(r.stderr).toMatch(
      /profile: base run 1 .* has .*ramping-vus.*, candidate run 1 .* has .*constant-arri/,
    );
    expect(r.stderr).toContain('--force');
    expect(existsSync(join(dir, 'refused'))).toBe(false);
    const forced = await runCli([
      'compare',
      DEMO,
      OPEN,
      '--force',
      '--output',
      join(dir, 'forced'),
      '-f',
      'json',
    ]);
    expect([0, 1]).toContain(forced.code);
    const json = JSON.parse(readFileSync(join(dir, 'forced', 'compare.json'), 'utf8')) as {
      warnings: string[];
    };
    expect(
      json.warnings.some((w) => w.startsWith('compared despite a difference (--force): scenario')),
    ).toBe(true);
  });

  it('exits 2 for bad input: a missing side, a bad flag, no run directory', async () => {
    expect((await runCli(['compare', DEMO])).code).toBe(2);
    const flag = await runCli(['compare', DEMO, DEMO, '--alpha', '2']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--alpha 2 is not valid');
    const nothing = await runCli(['compare', dir, join(dir, 'nope')]);
    expect(nothing.code).toBe(2);
  });
});

describe('loadrig baseline', () => {
  it('saves runs as a named baseline, lists it, and compare --baseline uses it', async () => {
    const runs = join(dir, 'runs');
    const saved = await runCli([
      'baseline',
      'save',
      'release-1',
      join(dir, 'fast'),
      '--runs',
      runs,
    ]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toContain('baseline release-1: 2 runs of checkout smoke saved');
    expect(existsSync(join(runs, 'baselines', 'release-1', 'fast-1', 'client.ndjson'))).toBe(true);
    const list = await runCli(['baseline', 'list', '--runs', runs]);
    expect(list.stdout).toMatch(/^release-1\t2 runs of checkout smoke/m);
    // The baseline is a copy: it outlives the runs it came from.
    rmSync(join(dir, 'fast', 'fast-2'), { recursive: true });
    const r = await runCli([
      'compare',
      '--baseline',
      'release-1',
      join(dir, 'slow'),
      '--runs',
      runs,
      '-f',
      'json,md',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('base       2 runs');
    const unknown = await runCli([
      'compare',
      '--baseline',
      'nope',
      join(dir, 'slow'),
      '--runs',
      runs,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('saved baselines: release-1');
  });

  it('run --baseline compares the finished run and folds the verdict into the exit code', async () => {
    const runs = join(dir, 'demo-runs');
    const demo = ['demo', '--duration', '3s', '--runs', runs];
    const first = await runCli(demo);
    expect(first.stderr).not.toContain('internal error');
    const firstDir = /report: (.+)\/report\.html/.exec(first.stdout)![1]!;
    expect((await runCli(['baseline', 'save', 'nightly', firstDir, '--runs', runs])).code).toBe(0);
    const second = await runCli([...demo, '--baseline', 'nightly']);
    const secondDir = /report: (.+)\/report\.html/.exec(second.stdout)![1]!;
    expect(second.stdout).toContain('loadrig compare: demo');
    const compared = JSON.parse(
      readFileSync(join(secondDir, 'compare', 'compare.json'), 'utf8'),
    ) as { verdict: string };
    const status = (
      JSON.parse(readFileSync(join(secondDir, 'run.json'), 'utf8')) as { status: string }
    ).status;
    const expected = Math.max(
      status === 'passed' ? 0 : 1,
      compared.verdict === 'regression' ? 1 : 0,
    );
    expect(second.code).toBe(expected);
    const missing = await runCli([...demo, '--baseline', 'no-such']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).not.toContain('report:');
  }, 60_000);
});
