import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  looksLikeLoadrig,
  ownerState,
  processStartMs,
} from '../../../harness/meta/owner-process.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** A process that lives until the test ends, and its pid. */
async function running(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { stdio: 'ignore' });
  children.push(child);
  await new Promise((resolve) => child.once('spawn', resolve));
  return child.pid as number;
}

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('ownerState: is the loadrig process that wrote something still running?', () => {
  it('alive for this (Node) process, dead for a pid whose process exited', async () => {
    expect(ownerState({ pid: process.pid, hostname: hostname() })).toBe('alive');
    expect(ownerState({ pid: process.pid })).toBe('alive');
    expect(ownerState({ pid: await exitedPid() })).toBe('dead');
    expect(ownerState({ pid: 0 })).toBe('dead');
    expect(ownerState({ pid: -5 })).toBe('dead');
  });

  it('dead when the pid now belongs to a process that is not Node nor loadrig (a reused pid)', async () => {
    const pid = await running('sleep', ['30']);
    expect(ownerState({ pid })).toBe('dead');
  });

  it('dead when the process under that pid started after the run did (a reused pid)', async () => {
    const pid = await running(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const started = processStartMs(pid);
    expect(started).toBeGreaterThan(Date.now() - 10_000);
    expect(started).toBeLessThanOrEqual(Date.now() + 1000);
    expect(ownerState({ pid }, Date.now() + 1000)).toBe('alive');
    expect(ownerState({ pid }, Date.now() - 60_000)).toBe('dead');
  });

  it('elsewhere for a run written on another host: not ours to judge', () => {
    expect(ownerState({ pid: 2 ** 22 + 17, hostname: 'ci-runner-7' }, 0, 'here')).toBe('elsewhere');
  });

  it('takes loadrig and Node command lines as loadrig, anything else as not', () => {
    expect(looksLikeLoadrig(['node', '/usr/lib/node_modules/loadrig/bin/loadrig.js', 'run'])).toBe(
      true,
    );
    expect(looksLikeLoadrig(['/usr/bin/node20', 'bench.js'])).toBe(true);
    expect(looksLikeLoadrig(['npx', 'loadrig', 'run', 'x.ts'])).toBe(true);
    expect(looksLikeLoadrig(['sleep', '30'])).toBe(false);
    expect(looksLikeLoadrig(['/usr/sbin/nginx', '-g', 'daemon off;'])).toBe(false);
  });
});
