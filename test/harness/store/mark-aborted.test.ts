import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeNightlyRuns } from '../../../bench/history-fixture.js';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { psCommand } from '../../../harness/cli/commands/ps-command.js';
import { loadHistoryRuns } from '../../../harness/history/load-history-runs.js';
import { markIfAborted } from '../../../harness/store/mark-aborted.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number;

/**
 * A finished nightly run rewritten as one still `running`, written by `runner`; `startedNow`
 * dates its start now (a run of this very process must not have started before it).
 */
function runningRun(
  root: string,
  runner?: RunMeta['runner'],
  startedNow = false,
): { dir: string; meta: RunMeta } {
  const [dir] = writeNightlyRuns(root, { runs: 1, holdSeconds: 6, ratePerSec: 20, seed: 5 });
  const path = join(dir!, 'run.json');
  const { endedAt: _ended, ...meta } = JSON.parse(readFileSync(path, 'utf8')) as RunMeta;
  const running = {
    ...meta,
    status: 'running' as const,
    ...(runner ? { runner } : {}),
    ...(startedNow ? { startedAt: new Date().toISOString() } : {}),
  };
  writeFileSync(path, JSON.stringify(running));
  return { dir: dir!, meta: running };
}

const lastT = (dir: string): number =>
  Math.max(
    ...readFileSync(join(dir, 'client.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .filter((l) => l.endsWith('}'))
      .map((l) => (JSON.parse(l) as { t: number }).t),
  );

describe('a run whose loadrig process died', () => {
  it('is marked aborted in run.json, ending at its last recorded second, its phases cut there', () => {
    const { dir, meta } = runningRun(tempDir('loadrig-aborted-'), {
      pid: deadPid,
      hostname: hostname(),
    });
    // The recorded seconds stop before the planned hold ends: the process died mid-hold.
    const lines = readFileSync(join(dir, 'client.ndjson'), 'utf8').trim().split('\n');
    writeFileSync(join(dir, 'client.ndjson'), lines.slice(0, 6).join('\n') + '\n{"t":9');
    writeFileSync(join(dir, 'server.ndjson'), '');
    const endMs = (lastT(dir) + 1) * 1000;
    expect(endMs).toBeLessThan(Math.max(...meta.phases.map((p) => p.endMs)));

    const marked = markIfAborted(dir);
    expect(marked?.saved).toBe(true);
    const stored = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;
    expect(stored).toEqual(marked?.meta);
    expect(stored.status).toBe('aborted');
    expect(stored.endedAt).toBe(new Date(endMs).toISOString());
    expect(Math.max(...stored.phases.map((p) => p.endMs))).toBe(endMs);
    expect(stored.error?.message).toContain(`pid ${deadPid}`);
    // Once marked it is a finished run: nothing more to do.
    expect(markIfAborted(dir)).toBeUndefined();
  });

  it('with no second recorded, ends when run.json was last written', () => {
    const { dir } = runningRun(tempDir('loadrig-aborted-'), {
      pid: deadPid,
      hostname: hostname(),
    });
    writeFileSync(join(dir, 'client.ndjson'), '');
    writeFileSync(join(dir, 'server.ndjson'), '');
    const mtimeMs = statSync(join(dir, 'run.json')).mtimeMs;
    expect(Date.parse(markIfAborted(dir)?.meta.endedAt ?? '')).toBe(Math.floor(mtimeMs));
  });

  it('is left alone while its process runs, on another host, without a runner, or finished', () => {
    const root = tempDir('loadrig-aborted-');
    const live = runningRun(join(root, 'a'), { pid: process.pid, hostname: hostname() }, true);
    const remote = runningRun(join(root, 'b'), { pid: deadPid, hostname: 'ci-runner-9' });
    const unknown = runningRun(join(root, 'c'));
    const [finished] = writeNightlyRuns(join(root, 'd'), { runs: 1, seed: 1, holdSeconds: 3 });
    for (const dir of [live.dir, remote.dir, unknown.dir, finished!]) {
      const before = readFileSync(join(dir, 'run.json'), 'utf8');
      expect(markIfAborted(dir)).toBeUndefined();
      expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe(before);
    }
  });

  it('loadrig history marks it and leaves it out: an aborted run is not a passed run', () => {
    const root = tempDir('loadrig-aborted-');
    writeNightlyRuns(join(root, 'nightly'), { runs: 3, holdSeconds: 6, ratePerSec: 20, seed: 2 });
    const { dir } = runningRun(join(root, 'killed'), { pid: deadPid, hostname: hostname() });
    const loaded = loadHistoryRuns(root, { filter: {}, writtenTo: root });
    expect(loaded.runs).toHaveLength(3);
    expect(loaded.runs.every((r) => r.status === 'passed')).toBe(true);
    expect(loaded.skipped).toEqual([
      {
        dir,
        reason: expect.stringMatching(/^status aborted \(its loadrig process, pid \d+, died/),
      },
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).status).toBe('aborted');
  });

  it('loadrig ps marks it and lists the runs still going', async () => {
    const root = tempDir('loadrig-aborted-');
    const killed = runningRun(join(root, 'killed'), { pid: deadPid, hostname: hostname() });
    const live = runningRun(join(root, 'live'), { pid: process.pid, hostname: hostname() }, true);
    let text = '';
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    });
    expect(await psCommand({ runs: join(root, 'killed') }, out)).toBe(0);
    expect(text).toMatch(new RegExp(`pid ${deadPid}\\) is gone; marked aborted, ended 20`));
    expect(text).toMatch(/runs: none in progress/);
    expect(JSON.parse(readFileSync(join(killed.dir, 'run.json'), 'utf8')).status).toBe('aborted');
    text = '';
    await psCommand({ runs: join(root, 'live') }, out);
    expect(text).toMatch(
      new RegExp(`RUN +STARTED +OWNER\\n${live.meta.id} .* pid ${process.pid} on`),
    );
  });
});
