import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { localBaseUrl } from '../../../harness/providers/base-url.js';
import { assertPortFree, freePort } from '../../../harness/providers/free-port.js';

describe('freePort', () => {
  it('returns a port that can then be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await assertPortFree('api', '127.0.0.1', port);
  });

  it('assertPortFree names the port and the way out when it is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await expect(assertPortFree('api', '127.0.0.1', port)).rejects.toMatchObject({
        code: 'E_TARGET_START',
        message: `target "api" cannot use port ${port} on 127.0.0.1: it is already in use`,
        hint: expect.stringContaining('port 0') as string,
      });
    } finally {
      server.close();
    }
  });
});

describe('localBaseUrl', () => {
  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080'],
    ['0.0.0.0', 'http://127.0.0.1:8080'],
    ['::', 'http://[::1]:8080'],
    ['::1', 'http://[::1]:8080'],
    ['localhost', 'http://localhost:8080'],
  ])('%s -> %s', (host, url) => {
    expect(localBaseUrl(host, 8080)).toBe(url);
  });
});
