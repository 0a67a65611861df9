import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../core/exit-codes.js';
import { preflight } from '../../../harness/providers/preflight.js';
import { startServer } from '../../helpers/http-server.js';

const tls = join(import.meta.dirname, '../../fixtures/tls');

/** A 127.0.0.1 port that was just free: nothing listens on it. */
async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.url;
}

describe('preflight of a target loadrig did not start', () => {
  it('passes on any HTTP answer, an error status included, with one request', async () => {
    let hits = 0;
    await using server = await startServer((_req, res) => {
      hits++;
      res.statusCode = 500;
      res.end('broken but answering');
    });
    await preflight({ name: 'api', baseUrl: server.url });
    expect(hits).toBe(1);
  });

  it('stops with the address and the cause when nothing listens (exit 3)', async () => {
    const url = await closedPortUrl();
    const error = await preflight({ name: 'api', baseUrl: url }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_TARGET_UNREACHABLE' });
    const message = (error as Error).message;
    expect(message).toContain(url);
    expect(message).toContain('ECONNREFUSED');
    expect(message).toContain('connection refused');
    expect(exitCodeFor('E_TARGET_UNREACHABLE')).toBe(3);
  });

  it('stops when the target accepts the connection but never answers', async () => {
    await using server = await startServer(() => undefined);
    const error = await preflight({ name: 'api', baseUrl: server.url, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'E_TARGET_UNREACHABLE' });
    expect((error as Error).message).toContain('no answer within 300 ms');
  });

  it('names a TLS failure, and accepts a self-signed certificate when the run will', async () => {
    const server = createHttpsServer(
      {
        key: readFileSync(join(tls, 'self-signed-key.pem')),
        cert: readFileSync(join(tls, 'self-signed-cert.pem')),
      },
      (_req, res) => res.end('secure'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const error = await preflight({ name: 'api', baseUrl: url }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_TARGET_UNREACHABLE' });
      expect((error as Error).message).toMatch(/TLS handshake failed \(\w+/);
      await preflight({ name: 'api', baseUrl: url, insecureSkipTlsVerify: true });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
