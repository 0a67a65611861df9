import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunMeta } from '../../../core/run-dir/run-data.js';
import { runCli } from '../../helpers/cli.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

describe('abortOnFail', () => {
  it('ends a 60 s run soon after its delay, exits 1, and records generator health', async () => {
    const out = tempDir('loadrig-abort-');
    const began = Date.now();
    const r = await runCli([
      'run',
      join(import.meta.dirname, '../../fixtures/scenarios/abort-on-fail.ts'),
      '--out',
      out,
    ]);
    const tookMs = Date.now() - began;
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/ending the run early: http_req_duration p\(95\)<1 failed/);
    expect(tookMs).toBeLessThan(30_000);
    const dir = join(out, readdirSync(out)[0] as string);
    const meta = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunMeta;
    expect(meta.status).toBe('failed');
    expect(meta.engineResult?.generator).toMatchObject({ reliable: expect.any(Boolean) });
    const client = readFileSync(join(dir, 'client.ndjson'), 'utf8').trim().split('\n');
    // Aborted after ~3 s of a 60 s profile.
    expect(client.length).toBeLessThan(15);
    expect(client.some((l) => l.includes('generator_event_loop_lag'))).toBe(true);
  });
});
