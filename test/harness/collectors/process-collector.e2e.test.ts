import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { PROCESS_SERIES, ProcessCollector } from '../../../harness/collectors/process-collector.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

const BUSY = 'const end = Date.now() + 1500; while (Date.now() < end) {}';

function node(code: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  children.push(child);
  return child;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two samples `gapMs` apart, after the process has had time to start. */
async function measure(pid: number, gapMs = 600) {
  const collector = new ProcessCollector(pid, 'probe');
  await sleep(250);
  const first = await collector.sample(Date.now());
  await sleep(gapMs);
  return { first, second: await collector.sample(Date.now()), collector };
}

describe('ProcessCollector on real processes', () => {
  it('reports about one core for a busy loop, with RSS, threads and fds', async () => {
    const { first, second } = await measure(node(BUSY).pid ?? 0);
    expect(first[PROCESS_SERIES.cpu]).toBeUndefined();
    // One core's worth; a loaded CI machine may give the loop much less than all of it (seen
    // here: load average 8 on 2 cores), yet an idle process reads under 10.
    expect(second[PROCESS_SERIES.cpu]).toBeGreaterThan(20);
    expect(second[PROCESS_SERIES.cpu]).toBeLessThan(130);
    expect(second[PROCESS_SERIES.cpuUser]).toBeGreaterThan(second[PROCESS_SERIES.cpuSystem] ?? 0);
    expect(second[PROCESS_SERIES.rss]).toBeGreaterThan(10 * 1024 * 1024);
    expect(second[PROCESS_SERIES.threads]).toBeGreaterThanOrEqual(2);
    expect(second[PROCESS_SERIES.openFds]).toBeGreaterThanOrEqual(3);
  });

  it('reports near 0 for an idle process', async () => {
    const { second } = await measure(node('setTimeout(() => {}, 5000)').pid ?? 0);
    expect(second[PROCESS_SERIES.cpu]).toBeLessThan(10);
    expect(second[PROCESS_SERIES.rss]).toBeGreaterThan(0);
  });

  it('counts descendants: an idle parent with a busy child reads busy', async () => {
    const parent = node(
      `require('child_process').spawn(process.execPath, ['-e', ${JSON.stringify(BUSY)}], { stdio: 'ignore' }); setTimeout(() => {}, 3000);`,
    );
    const { second } = await measure(parent.pid ?? 0);
    expect(second[PROCESS_SERIES.cpu]).toBeGreaterThan(20);
  });

  it('returns a gap once the process is gone', async () => {
    const child = node('setTimeout(() => {}, 5000)');
    const collector = new ProcessCollector(child.pid ?? 0, 'probe');
    await sleep(100);
    expect(await collector.sample(Date.now())).not.toEqual({});
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await collector.sample(Date.now())).toEqual({});
  });
});
