import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { abortedMeta, phasesUntil } from '../../core/run-dir/aborted-run.js';
import { lastRecordedMs, lastSecondOf } from '../../core/run-dir/last-second.js';
import type { Phase, RunMeta } from '../../core/run-dir/run-data.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const phases: Phase[] = [
  { kind: 'ramp-up', scenario: 'default', startMs: 1_000, endMs: 11_000, level: 10 },
  { kind: 'hold', scenario: 'default', startMs: 11_000, endMs: 71_000, level: 10 },
  { kind: 'ramp-down', scenario: 'default', startMs: 71_000, endMs: 81_000, level: 0 },
];

describe('a run whose process died: phases and status as it really went', () => {
  it('cuts the phase in progress at the end and drops the ones that never began', () => {
    expect(phasesUntil(phases, 30_000)).toEqual([phases[0], { ...phases[1], endMs: 30_000 }]);
    expect(phasesUntil(phases, 11_000)).toEqual([phases[0]]);
    expect(phasesUntil(phases, 500)).toEqual([]);
    expect(phasesUntil(phases, 90_000)).toEqual(phases);
  });

  it('marks it aborted with its end time and says whose process died', () => {
    const meta = {
      status: 'running',
      startedAt: new Date(900).toISOString(),
      phases,
      runner: { pid: 4242, hostname: 'ci-1' },
    } as unknown as RunMeta;
    const marked = abortedMeta(meta, 30_000, new Date(99_000));
    expect(marked.status).toBe('aborted');
    expect(marked.endedAt).toBe(new Date(30_000).toISOString());
    expect(marked.phases.at(-1)).toMatchObject({ kind: 'hold', endMs: 30_000 });
    expect(marked.error?.code).toBe('E_RUN_ABORTED');
    expect(marked.error?.message).toMatch(/pid 4242 on ci-1\) died while the run was going/);
    // An end before the start (a clock that moved) is the start.
    expect(abortedMeta(meta, 0, new Date()).endedAt).toBe(meta.startedAt);
  });
});

describe('the last recorded second of a series file', () => {
  const file = (content: string): string => {
    const path = join(tempDir('loadrig-last-second-'), 'client.ndjson');
    writeFileSync(path, content);
    return path;
  };

  it('is the t of the last whole line; a torn last line does not count', () => {
    expect(lastSecondOf(file('{"t":10,"vus":1}\n{"t":11,"vus":1}\n'))).toBe(11);
    expect(lastSecondOf(file('{"t":10,"vus":1}\n{"t":11,"vus":1}\n{"t":12,"vu'))).toBe(11);
    expect(lastSecondOf(file('{"t":10,"vus":1}\n'))).toBe(10);
  });

  it('is undefined for a missing, empty or torn-only file', () => {
    expect(lastSecondOf(join(tempDir('loadrig-last-second-'), 'none.ndjson'))).toBeUndefined();
    expect(lastSecondOf(file(''))).toBeUndefined();
    expect(lastSecondOf(file('{"t":12,"vu'))).toBeUndefined();
  });

  it('finds it behind lines longer than a read chunk (a second of thousands of series)', () => {
    const long = (t: number): string => `{"t":${t},"pad":"${'x'.repeat(150_000)}"}\n`;
    const path = file(long(1) + long(2) + long(3));
    expect(lastSecondOf(path)).toBe(3);
    appendFileSync(path, '{"t":4,"pad":"' + 'y'.repeat(100_000));
    expect(lastSecondOf(path)).toBe(3);
  });

  it('ends a run at the end of the later of its client and server seconds', () => {
    const dir = tempDir('loadrig-last-second-');
    expect(lastRecordedMs(dir)).toBeUndefined();
    writeFileSync(join(dir, 'client.ndjson'), '{"t":100,"vus":1}\n');
    writeFileSync(join(dir, 'server.ndjson'), '{"t":101,"values":{}}\n');
    expect(lastRecordedMs(dir)).toBe(102_000);
  });
});
