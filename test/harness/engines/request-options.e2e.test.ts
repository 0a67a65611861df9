import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../../harness/aggregator/aggregator.js';
import { SingleThreadEngine } from '../../../harness/engines/builtin/single-thread-engine.js';
import { perVuIterations } from '../../../scenarios/executors.js';
import { scenarios } from '../../../scenarios/profile.js';
import { startServer } from '../../helpers/http-server.js';

describe('request options in the flow', () => {
  it('an unknown option is a flow error, one distinct message naming it, and nothing is sent', async () => {
    let requests = 0;
    await using server = await startServer((_req, res) => {
      requests++;
      res.end('ok');
    });
    const flowErrors: string[] = [];
    const result = await new SingleThreadEngine().run(
      {
        baseUrl: server.url,
        profile: scenarios({ main: perVuIterations({ vus: 2, iterations: 3, maxDuration: '5s' }) }),
        flow: async (vu) => {
          await vu.http.get('/ok', { name: 'ok' });
          await vu.http.get('/typo', { header: { 'x-id': String(vu.id) } } as never);
        },
        env: {},
        gracefulStopMs: 1000,
      },
      new Aggregator(),
      new AbortController().signal,
      { onFlowError: (message) => flowErrors.push(message) },
    );
    const message = 'vu.http GET request option header: unknown option; did you mean headers?';
    expect(result.flowErrors).toEqual({ [message]: 6 });
    expect(flowErrors).toEqual([message]);
    expect(requests).toBe(6);
  });
});
