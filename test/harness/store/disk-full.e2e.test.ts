import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRun } from '../../../core/run-dir/read-run.js';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { CLI, runCli } from '../../helpers/cli.js';
import { isAlive, waitUntil } from '../../helpers/process.js';
import { componentGate } from '../../helpers/require-component.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const LONG_RUN = join(import.meta.dirname, '../../fixtures/scenarios/long-run.ts');
const tempDir = useTempDirs('all');
const mounted: string[] = [];

/** A small tmpfs at `dir` (root only); false where mounting is not allowed. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return true;
  } catch {
    return false;
  }
}

function unmount(dir: string): void {
  execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  mounted.splice(mounted.indexOf(dir), 1);
}

afterAll(() => {
  for (const dir of [...mounted]) unmount(dir);
});

const probe = tempDir('loadrig-tmpfs-probe-');
const canMount = mountTmpfs(probe, '64k');
if (canMount) unmount(probe);
const gate = componentGate(
  'LOADRIG_REQUIRE_TMPFS',
  canMount,
  'mounting a small tmpfs (mount -t tmpfs, as root)',
);

const lines = (file: string): number =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.endsWith('}')).length
    : 0;

/** `loadrig run` into `runs` in the background, until the run has recorded a second or two. */
async function recordingRun(
  runs: string,
): Promise<{ child: ChildProcess; dir: string; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, [CLI, 'run', LONG_RUN, '--runs', runs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let dir = '';
  const recording = await waitUntil(() => {
    const [id] = existsSync(runs) ? readdirSync(runs) : [];
    dir = id === undefined ? '' : join(runs, id);
    return dir !== '' && lines(join(dir, 'client.ndjson')) >= 2;
  }, 40_000);
  if (!recording) child.kill('SIGKILL');
  expect(recording, output).toBe(true);
  return { child, dir, output: () => output };
}

const exitOf = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe.skipIf(gate.skip)('a run directory that cannot be written', () => {
  it('disk full: a clear error naming the file, the load stops, exit 3; the run stays readable', async () => {
    const mnt = tempDir('loadrig-disk-full-');
    expect(mountTmpfs(mnt, '1m')).toBe(true);
    const runs = join(mnt, 'runs');
    mkdirSync(runs);
    const { child, dir, output } = await recordingRun(runs);
    const targetPid =
      (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta).target.pid ?? 0;
    // Fill what is left but a few hundred bytes: the next seconds cannot be written.
    const free = statfsSync(mnt);
    const filler = join(mnt, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, free.bavail * free.bsize - 512)));
    const code = await exitOf(child);
    expect(code, output()).toBe(3);
    expect(output()).toMatch(
      new RegExp(
        `error cannot write ${dir}/(client|server)\\.ndjson: no space left on the device \\(ENOSPC\\); the load was stopped`,
      ),
    );
    expect(output()).toMatch(/hint .*--runs <dir>; what was recorded until then is kept in /);
    expect(output()).not.toMatch(/internal error|\n\s+at /);
    expect(isAlive(targetPid)).toBe(false);
    // What was written is whole: every line reads, and `loadrig report` works once there is room.
    const recorded = readRun(dir);
    expect(recorded.client.length).toBeGreaterThanOrEqual(2);
    rmSync(filler);
    const report = await runCli(['report', dir]);
    expect([3, 130], report.stderr).toContain(report.code);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).run.status).toMatch(
      /^(error|aborted)$/,
    );
  }, 90_000);

  // A file system cannot be made read-only under a run that holds its files open for writing
  // (mount refuses: busy); test/harness/lifecycle/write-failure.test.ts stops a load on EROFS.
  it('read-only: refused before any load, naming the folder it could not make, exit 3', async () => {
    const mnt = tempDir('loadrig-ro-start-');
    expect(mountTmpfs(mnt, '64k')).toBe(true);
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    const r = await runCli(['run', LONG_RUN, '--runs', join(mnt, 'runs')]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(`error cannot write ${mnt}/runs: the file system is read-only \\(EROFS\\)\\n`),
    );
  });
});
