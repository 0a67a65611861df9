import { describe, expect, it } from 'vitest';
import { ExternalProvider } from '../../../harness/providers/external-provider.js';
import { providerFor, providers } from '../../../harness/providers/index.js';
import { LocalProvider } from '../../../harness/providers/local-provider.js';
import { externalTarget, target } from '../../../targets/target.js';
import { startServer } from '../../helpers/http-server.js';

describe('ExternalProvider', () => {
  it('waits for the health check when there is one, owns no process, and stop() is a no-op', async () => {
    let hits = 0;
    await using server = await startServer((_req, res) => {
      hits++;
      res.end('ok');
    });
    const spec = {
      ...externalTarget(server.url, 'ext'),
      health: { path: '/health', timeoutMs: 2000, intervalMs: 20 },
    };
    const running = await new ExternalProvider().start(spec, { logFile: '/dev/null' });
    expect(hits).toBe(1);
    expect(running).toMatchObject({ name: 'ext', baseUrl: server.url, metricSources: [] });
    await running.stop();
    await running[Symbol.asyncDispose]();
    expect((await fetch(server.url)).status).toBe(200);
  });

  it('does not contact the target without a health check', async () => {
    const running = await new ExternalProvider().start(externalTarget('http://127.0.0.1:9'), {
      logFile: '/dev/null',
    });
    expect(running.baseUrl).toBe('http://127.0.0.1:9');
  });

  it('refuses a local spec', async () => {
    const spec = target({ name: 'api', command: 'node x.js' });
    await expect(
      new ExternalProvider().start(spec, { logFile: '/dev/null' }),
    ).rejects.toMatchObject({
      code: 'E_TARGET_INVALID',
    });
  });
});

describe('providerFor', () => {
  it('picks the provider by kind', () => {
    expect(providerFor(target({ name: 'api', command: 'x' }))).toBeInstanceOf(LocalProvider);
    expect(providerFor(externalTarget('http://127.0.0.1:1'))).toBe(providers.external);
  });
});
