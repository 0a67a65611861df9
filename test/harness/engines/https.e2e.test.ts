import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import { perVuIterations } from '../../../scenarios/executors.js';
import { scenarios } from '../../../scenarios/profile.js';

// A self-signed certificate for 127.0.0.1, for tests only.
const tls = join(import.meta.dirname, '../../fixtures/tls');

async function httpsServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(
    {
      key: readFileSync(join(tls, 'self-signed-key.pem')),
      cert: readFileSync(join(tls, 'self-signed-cert.pem')),
    },
    (_req, res) => res.end('secure'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function fetchOnce(url: string, insecureSkipTlsVerify: boolean): Promise<string> {
  let seen = '';
  await new SingleThreadEngine().run(
    {
      baseUrl: url,
      profile: scenarios({ one: perVuIterations({ vus: 1, iterations: 2, maxDuration: '5s' }) }),
      flow: async (vu) => {
        const res = await vu.http.get('/');
        seen = `${res.status} ${res.error ?? res.body}`;
      },
      env: {},
      gracefulStopMs: 1000,
      insecureSkipTlsVerify,
    },
    new Aggregator(),
    new AbortController().signal,
  );
  return seen;
}

describe('HTTPS on the built-in engine', () => {
  it('refuses a self-signed certificate by default, naming the cause, and accepts it when told', async () => {
    const server = await httpsServer();
    try {
      expect(await fetchOnce(server.url, false)).toBe('0 DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(await fetchOnce(server.url, true)).toBe('200 secure');
    } finally {
      await server.close();
    }
  });
});
