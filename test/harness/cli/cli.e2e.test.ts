import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { runCli } from '../../helpers/cli.js';
import { isAlive, pidsMatching, waitUntil } from '../../helpers/process.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

const fixture = (name: string): string =>
  join(import.meta.dirname, '../../fixtures/scenarios', name);
const tempOut = (): string => tempDir('loadrig-cli-');
const onlyRun = (out: string): string => join(out, readdirSync(out)[0] as string);
const meta = (dir: string): RunMeta =>
  JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;

describe('loadrig CLI', () => {
  it('exits 1 when a threshold fails, and says which', async () => {
    const out = tempOut();
    const r = await runCli(['run', fixture('failing-threshold.ts'), '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗.*p\(95\)<1/);
    expect(r.stdout).toContain('report: ');
    expect(meta(onlyRun(out)).status).toBe('failed');
  });

  it('exits 3 naming the URL and the timeout when the target never becomes healthy, leaving no process', async () => {
    const out = tempOut();
    const r = await runCli(['run', fixture('never-healthy.ts'), '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/did not answer GET http:\/\/127\.0\.0\.1:\d+\/health within 1500 ms/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(
      await waitUntil(() => pidsMatching('loadrig-e2e-never-healthy').length === 0, 3000),
    ).toBe(true);
    expect(meta(onlyRun(out)).status).toBe('error');
  });

  it('exits 2 naming the file and every invalid field, without a stack trace', async () => {
    const r = await runCli(['run', fixture('invalid-fields.ts'), '--out', tempOut()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid-fields.ts');
    expect(r.stderr).toMatch(/profile\.startVus/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a malformed --duration, naming the value and the expected form', async () => {
    const r = await runCli(['run', fixture('delay-20ms.ts'), '--duration', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--duration: "soon" is not a duration/);
  });

  it('exits 2 on an unknown --target, listing the bundled names', async () => {
    const r = await runCli([
      'run',
      fixture('delay-20ms.ts'),
      '--target',
      'nosuch',
      '--out',
      tempOut(),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sample-api/);
  });

  it('on Ctrl-C stops, keeps and reports what was recorded, exits 130 and leaves no target behind', async () => {
    const out = tempOut();
    const r = await runCli(['run', fixture('long-run.ts'), '--out', out], {
      onSpawn: (child) => {
        const timer = setInterval(() => {
          // Interrupt once load has run for a couple of seconds.
          try {
            const dir = onlyRun(out);
            if (readFileSync(join(dir, 'client.ndjson'), 'utf8').split('\n').length > 3) {
              clearInterval(timer);
              child.kill('SIGINT');
            }
          } catch {
            // run dir not there yet
          }
        }, 100);
        child.on('close', () => clearInterval(timer));
      },
    });
    expect(r.code).toBe(130);
    const dir = onlyRun(out);
    const m = meta(dir);
    expect(m.status).toBe('interrupted');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('e2e long run');
    expect(m.target.pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !isAlive(m.target.pid as number), 3000)).toBe(true);
  });

  it('re-renders a stored run with `loadrig report`', async () => {
    const out = tempOut();
    await runCli(['run', fixture('failing-threshold.ts'), '--out', out]);
    const dir = onlyRun(out);
    const r = await runCli(['report', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(join(dir, 'report.html'));
  });

  it('prints help with examples', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('loadrig demo');
    expect(r.stdout).toContain('Exit codes');
  });
});
