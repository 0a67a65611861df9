import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../../targets/target.js';
import { freePort } from '../../../harness/providers/free-port.js';
import { waitForHttp } from '../../../harness/providers/wait-for-http.js';
import { startServer } from '../../helpers/http-server.js';

const health = (over: Partial<HealthCheck> = {}): HealthCheck => ({
  path: '/health',
  timeoutMs: 400,
  intervalMs: 20,
  ...over,
});

describe('waitForHttp', () => {
  it('resolves once the health path answers 2xx, after earlier failures', async () => {
    let calls = 0;
    await using server = await startServer((req, res) => {
      calls++;
      res.statusCode = req.url === '/health' && calls >= 3 ? 204 : 503;
      res.end();
    });
    await waitForHttp({ name: 'api', baseUrl: server.url, health: health({ timeoutMs: 5000 }) });
    expect(calls).toBe(3);
  });

  it('accepts only expectStatus when given', async () => {
    await using server = await startServer((_req, res) => {
      res.statusCode = 418;
      res.end();
    });
    await waitForHttp({
      name: 'api',
      baseUrl: server.url,
      health: health({ expectStatus: [418] }),
    });
  });

  it('times out with the URL, the limit, the last status and the log file', async () => {
    await using server = await startServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    const started = performance.now();
    const failure = waitForHttp({
      name: 'api',
      baseUrl: server.url,
      health: health(),
      logFile: '/tmp/x/target.log',
    });
    await expect(failure).rejects.toMatchObject({
      code: 'E_TARGET_UNHEALTHY',
      message: `target "api" did not answer GET ${server.url}/health within 400 ms (last status 503)`,
      hint: 'check its log: /tmp/x/target.log',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('names the last connection error when nothing listens', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    await expect(waitForHttp({ name: 'api', baseUrl, health: health() })).rejects.toMatchObject({
      code: 'E_TARGET_UNHEALTHY',
      message: expect.stringContaining('(last error ECONNREFUSED)') as string,
      hint: expect.stringContaining(baseUrl) as string,
    });
  });

  it('says so when the target accepts the connection but never answers', async () => {
    await using server = await startServer(() => {
      // never answers
    });
    await expect(
      waitForHttp({ name: 'api', baseUrl: server.url, health: health({ timeoutMs: 200 }) }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('(last error no answer before the deadline)') as string,
    });
  });

  it('stops early with the failFast error', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    const exited = new Error('the process exited');
    const failFast = new Promise<never>((_resolve, reject) => setTimeout(() => reject(exited), 50));
    const started = performance.now();
    await expect(
      waitForHttp({ name: 'api', baseUrl, health: health({ timeoutMs: 10_000 }), failFast }),
    ).rejects.toBe(exited);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops early with the abort reason, even mid-request', async () => {
    await using server = await startServer(() => {
      // never answers
    });
    const reason = new Error('interrupted');
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      waitForHttp({
        name: 'api',
        baseUrl: server.url,
        health: health({ timeoutMs: 10_000 }),
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });
});
