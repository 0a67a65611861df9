import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../../harness/providers/index.js';
import type { RunningTarget } from '../../../harness/providers/provider.js';
import { sampleApi, sampleApiServerPath } from '../../../targets/sample-api/index.js';
import { isAlive } from '../../helpers/process.js';

// The compiled server (dist/), started the way a run starts it: `npm run build` first.
let target: RunningTarget;
let logFile: string;

beforeAll(async () => {
  logFile = join(await mkdtemp(join(tmpdir(), 'loadrig-sample-api-')), 'target.log');
  target = await providers.local.start(sampleApi(), { logFile });
});
afterAll(async () => {
  await target?.stop();
  await rm(dirname(logFile), { recursive: true, force: true });
});

async function get(path: string, init?: RequestInit) {
  const res = await fetch(target.baseUrl + path, init);
  return { status: res.status, json: (await res.json()) as unknown };
}

describe('sample-api, started by the local provider', () => {
  it('logs where it listens', async () => {
    expect(await readFile(logFile, 'utf8')).toContain(`sample-api listening on ${target.baseUrl}`);
  });

  it('answers its endpoints', async () => {
    expect(await get('/health')).toEqual({ status: 200, json: { status: 'ok' } });
    expect((await get('/fast')).status).toBe(200);
    expect(await get('/items/7')).toMatchObject({ status: 200, json: { id: '7' } });
    expect(
      await get('/echo', {
        method: 'POST',
        body: JSON.stringify({ n: 1 }),
        headers: { 'content-type': 'application/json' },
      }),
    ).toMatchObject({ status: 200, json: { body: { n: 1 } } });
    expect((await get('/echo', { method: 'POST', body: 'not json' })).status).toBe(400);
    expect(await get('/missing')).toMatchObject({ status: 404, json: { error: 'not found' } });
  });

  it('/delay?ms=20 takes at least 20 ms', async () => {
    const started = performance.now();
    expect(await get('/delay?ms=20')).toEqual({ status: 200, json: { delayedMs: 20 } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(20);
    expect((await get('/delay?ms=abc')).status).toBe(400);
  });

  it('honours DELAY_MS and stops cleanly on SIGTERM', async () => {
    const own = await providers.local.start(sampleApi({ env: { DELAY_MS: '40' } }), {
      logFile: `${logFile}.2`,
    });
    const started = performance.now();
    const res = await fetch(`${own.baseUrl}/delay`);
    expect(await res.json()).toEqual({ delayedMs: 40 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(40);
    const source = own.metricSources.find((s) => s.kind === 'process');
    const pid = source?.kind === 'process' ? source.pid : 0;
    await own.stop();
    expect(isAlive(pid)).toBe(false);
    const log = await readFile(`${logFile}.2`, 'utf8');
    expect(log).toContain('sample-api received SIGTERM, shutting down');
    expect(log).toContain('sample-api stopped');
  });
});

describe('sample-api configuration errors', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [sampleApiServerPath()], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 10_000,
    });

  it('rejects an unknown mode with exit code 2, naming the valid ones', () => {
    const result = run({ PORT: '0', SAMPLE_API_MODE: 'leaky' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('SAMPLE_API_MODE "leaky" is unknown; valid modes: healthy');
  });

  it('requires PORT', () => {
    const result = run({});
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('PORT is required');
  });
});
