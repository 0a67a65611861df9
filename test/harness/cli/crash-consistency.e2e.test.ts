import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { CLI, runCli } from '../../helpers/cli.js';
import { isAlive, waitUntil } from '../../helpers/process.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const LONG_RUN = join(import.meta.dirname, '../../fixtures/scenarios/long-run.ts');
const tempDir = useTempDirs('all');

const readMeta = (dir: string): RunMeta =>
  JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;
const lines = (file: string): string[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.endsWith('}'))
    : [];
const lastT = (file: string): number => Math.max(...lines(file).map((l) => JSON.parse(l).t));
/** This process's temp entries named after `pid` (loadrig-<pid>-<kind>-XXXXXX). */
const tempOf = (pid: number): string[] =>
  readdirSync(tmpdir()).filter((n) => n.startsWith(`loadrig-${pid}-`));

/** `loadrig run long-run.ts` in the background, until its run has recorded `seconds` seconds. */
async function startRun(
  runs: string,
  seconds: number,
): Promise<{ child: ChildProcess; dir: string }> {
  const child = spawn(process.execPath, [CLI, 'run', LONG_RUN, '--runs', runs], {
    stdio: 'ignore',
    env: { ...process.env, NO_COLOR: '1' },
  });
  let dir = '';
  const recording = await waitUntil(() => {
    const [id] = existsSync(runs) ? readdirSync(runs) : [];
    dir = id === undefined ? '' : join(runs, id);
    return dir !== '' && lines(join(dir, 'client.ndjson')).length >= seconds;
  }, 40_000);
  if (!recording) child.kill('SIGKILL');
  expect(recording, 'the run did not start recording').toBe(true);
  return { child, dir };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('kill -9 of a running `loadrig run`', () => {
  let killed: { pid: number; dir: string; targetPid: number; meta: RunMeta };
  // Copies of the killed run taken before any command looked at it: each command finds it dead.
  const copies: Record<'report' | 'ps' | 'history', string> = { report: '', ps: '', history: '' };

  beforeAll(async () => {
    const runs = tempDir('loadrig-crash-runs-');
    const { child, dir } = await startRun(runs, 3);
    const targetPid = readMeta(dir).target.pid ?? 0;
    expect(isAlive(targetPid)).toBe(true);
    child.kill('SIGKILL');
    await exited(child);
    // The guardian outlives the harness just long enough to stop the target.
    expect(await waitUntil(() => !isAlive(targetPid), 10_000)).toBe(true);
    killed = { pid: child.pid as number, dir, targetPid, meta: readMeta(dir) };
    for (const name of Object.keys(copies) as (keyof typeof copies)[]) {
      const folder = tempDir(`loadrig-crash-${name}-`);
      cpSync(dir, join(folder, basename(dir)), { recursive: true });
      copies[name] = join(folder, basename(dir));
    }
  }, 90_000);

  it('leaves run.json saying `running`, written by the pid that is now gone', () => {
    expect(killed.meta.status).toBe('running');
    expect(killed.meta.runner?.pid).toBe(killed.pid);
    expect(isAlive(killed.pid)).toBe(false);
    expect(killed.meta.phases.some((p) => p.kind === 'hold')).toBe(true);
  });

  it('loadrig report marks it aborted at its last recorded second, phases cut there, and reports it', async () => {
    const dir = copies.report;
    const r = await runCli(['report', dir]);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(
      new RegExp(`its loadrig process \\(pid ${killed.pid}\\) is gone; marked aborted`),
    );
    const meta = readMeta(dir);
    const endMs =
      (Math.max(lastT(join(dir, 'client.ndjson')), lastT(join(dir, 'server.ndjson'))) + 1) * 1000;
    expect(meta.status).toBe('aborted');
    expect(meta.endedAt).toBe(new Date(endMs).toISOString());
    const plannedEnd = Math.max(...killed.meta.phases.map((p) => p.endMs));
    expect(endMs).toBeLessThan(plannedEnd);
    expect(Math.max(...meta.phases.map((p) => p.endMs))).toBe(endMs);
    expect(meta.error?.code).toBe('E_RUN_ABORTED');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.verdict).toBe('interrupted');
    expect(summary.run.status).toBe('aborted');
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
  });

  it('loadrig ps marks it aborted too', async () => {
    const r = await runCli(['ps', '--runs', join(copies.ps, '..')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${copies.ps}: its loadrig process (pid ${killed.pid}) is gone`);
    expect(readMeta(copies.ps).status).toBe('aborted');
  });

  it('loadrig history marks it aborted and does not count it as a run of the scenario', async () => {
    const folder = join(copies.history, '..');
    const r = await runCli(['history', '--runs', folder, '--output', folder]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/skipped .*: status aborted \(its loadrig process, pid \d+, died/);
    expect(r.stdout).toMatch(/history: 0 run\(s\)/);
    expect(readMeta(copies.history).status).toBe('aborted');
  });

  it('leaves its temp directories, which loadrig clean removes, saying how many and their size', async () => {
    expect(tempOf(killed.pid).length).toBeGreaterThan(0);
    const r = await runCli(['clean']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /temp directories: removed \d+ left by dead runs \(\d+(\.\d)? (B|KB|MB)\)/,
    );
    expect(tempOf(killed.pid)).toEqual([]);
  });
});

describe('a run removes its own temp directories', () => {
  it('when interrupted with Ctrl-C, and when a second Ctrl-C exits at once', async () => {
    for (const presses of [1, 2]) {
      const { child } = await startRun(tempDir('loadrig-crash-int-'), 1);
      const pid = child.pid as number;
      expect(tempOf(pid).length).toBeGreaterThan(0);
      child.kill('SIGINT');
      if (presses === 2) setTimeout(() => child.kill('SIGINT'), 50);
      expect(await exited(child)).toBe(130);
      expect(tempOf(pid)).toEqual([]);
    }
  }, 90_000);

  it('when the target never becomes healthy (exit 3)', async () => {
    let pid = 0;
    const r = await runCli(
      [
        'run',
        join(import.meta.dirname, '../../fixtures/scenarios/never-healthy.ts'),
        '--runs',
        tempDir('loadrig-crash-err-'),
      ],
      { onSpawn: (child) => (pid = child.pid as number) },
    );
    expect(r.code, r.stderr).toBe(3);
    expect(tempOf(pid)).toEqual([]);
  });
});
