import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNightlyRuns } from '../../../bench/history-fixture.js';
import type { HistoryJson } from '../../../reports/render/history/history-json.js';
import { runCli } from '../../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'loadrig-history-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const nightly = { runs: 40, holdSeconds: 10, ratePerSec: 50 };

describe('loadrig history', () => {
  it('exits 1 when 40 nightly runs step up 15 % at run 25, and marks that run in all three outputs', async () => {
    const runs = join(root, 'stepped');
    const dirs = writeNightlyRuns(runs, {
      ...nightly,
      seed: 11,
      latencyStep: { at: 25, factor: 1.15 },
    });
    const r = await runCli(['history', '--runs', runs, '--branch', 'main']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REGRESSION nightly on main: p99 latency \+1\d\.\d% since 2026-01-26/);
    const json = JSON.parse(readFileSync(join(runs, 'history.json'), 'utf8')) as HistoryJson;
    const p99 = json.groups[0]!.metrics.find((m) => m.key === 'latency.p99')!;
    expect(p99.changePoints.map((c) => c.runIndex)).toEqual([25]);
    expect(json.groups[0]!.runs[25]!.report).toBe(
      `${dirs[25]!.slice(runs.length + 1)}/report.html`,
    );
    expect(readFileSync(join(runs, 'history.md'), 'utf8')).toContain('p99 latency');
    expect(readFileSync(join(runs, 'history.html'), 'utf8')).toContain('REGRESSION');
  });

  it('exits 0 on a flat history, and with --fail-on never whatever it finds', async () => {
    const flat = join(root, 'flat');
    writeNightlyRuns(flat, { ...nightly, seed: 12 });
    const r = await runCli(['history', '--runs', flat, '--output', join(root, 'out')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('newest run: no regression');
    expect(existsSync(join(root, 'out', 'history.html'))).toBe(true);

    const never = await runCli(['history', '--runs', join(root, 'stepped'), '--fail-on', 'never']);
    expect(never.code).toBe(0);
  });

  it('exits 2 on a bad flag value, naming it', async () => {
    const r = await runCli(['history', '--runs', root, '--max-p', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--max-p 2 is not a p-value between 0 and 1');
    const missing = await runCli(['history', '--runs', join(root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('does not exist');
  });
});
