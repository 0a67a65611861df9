import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'undici';
import { createSampleApi, type SampleApi } from '../../../targets/sample-api/app.js';
import { parseSampleApiConfig } from '../../../targets/sample-api/config.js';

const modeSettings = parseSampleApiConfig({ PORT: '0' }).modeSettings;

// The handlers in-process; sample-api.e2e.test.ts runs the real server through the provider.
let api: SampleApi;
let baseUrl: string;

beforeAll(async () => {
  api = createSampleApi({
    host: '127.0.0.1',
    port: 0,
    mode: 'healthy',
    defaultDelayMs: 5,
    modeSettings,
  });
  await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  api.server.closeAllConnections();
  await api.close();
});

async function call(path: string, init: { method?: 'GET' | 'POST'; body?: string } = {}) {
  const res = await request(baseUrl + path, init);
  return { status: res.statusCode, headers: res.headers, json: (await res.body.json()) as unknown };
}

describe('sample-api handlers', () => {
  it('answers /health, /fast and /items/:id with JSON', async () => {
    expect(await call('/health')).toMatchObject({ status: 200, json: { status: 'ok' } });
    const fast = await call('/fast');
    expect(fast.status).toBe(200);
    expect(fast.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(await call('/items/42')).toMatchObject({
      status: 200,
      json: { id: '42', name: 'item 42' },
    });
    expect((await call('/items/42')).json).toEqual((await call('/items/42')).json);
  });

  it('echoes a JSON body with receivedAt, and rejects invalid JSON with 400', async () => {
    const echoed = await call('/echo', { method: 'POST', body: '{"a":[1,2]}' });
    expect(echoed).toMatchObject({ status: 200, json: { body: { a: [1, 2] } } });
    const receivedAt = (echoed.json as { receivedAt: string }).receivedAt;
    expect(Date.parse(receivedAt)).not.toBeNaN();
    const bad = await call('/echo', { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/^invalid JSON/);
  });

  it('delays by ?ms=, by the default without it, and rejects bad values', async () => {
    const started = performance.now();
    expect(await call('/delay?ms=30')).toMatchObject({ status: 200, json: { delayedMs: 30 } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    expect(await call('/delay')).toMatchObject({ status: 200, json: { delayedMs: 5 } });
    expect(await call('/delay?ms=60001')).toMatchObject({
      status: 400,
      json: { error: 'ms: 60001 ms is above the limit of 60000 ms' },
    });
    expect((await call('/delay?ms=-5')).status).toBe(400);
  });

  it('answers 404 JSON for unknown routes and 405 for a wrong method', async () => {
    expect(await call('/nope?x=1')).toMatchObject({
      status: 404,
      json: { error: 'not found', method: 'GET', path: '/nope' },
    });
    expect((await call('/items/a/b')).status).toBe(404);
    const wrong = await call('/echo');
    expect(wrong.status).toBe(405);
    expect(wrong.headers['allow']).toBe('POST');
  });

  it('keeps connections alive for 65 s', async () => {
    expect(api.server.keepAliveTimeout).toBe(65_000);
    expect((await call('/fast')).headers['keep-alive']).toBe('timeout=65');
  });
});

describe('sample-api close()', () => {
  it('closes idle keep-alive connections at once and busy ones after their response', async () => {
    const own = createSampleApi({
      host: '127.0.0.1',
      port: 0,
      mode: 'healthy',
      defaultDelayMs: 0,
      modeSettings,
    });
    await new Promise<void>((resolve) => own.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(own.server.address() as AddressInfo).port}`;
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    try {
      await (await request(`${url}/fast`, { dispatcher: agent })).body.dump();
      const slow = request(`${url}/delay?ms=150`, { dispatcher: agent });
      await new Promise((r) => setTimeout(r, 30));
      const started = performance.now();
      const closed = own.close();
      const response = await slow;
      expect(response.statusCode).toBe(200);
      expect(response.headers['connection']).toBe('close');
      await response.body.dump();
      await closed;
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      await agent.close();
    }
  });
});
