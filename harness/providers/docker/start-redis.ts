import { Redis } from 'ioredis';
import type { RedisSpec } from '../../../targets/dependencies/dependency.js';
import type { LogSink } from './log-sink.js';
import { pollUntilReady } from './poll-until-ready.js';
import { ReadinessWaitStrategy } from './readiness-wait-strategy.js';
import { startContainer } from './start-container.js';
import type { StartedDependency } from './start-postgres.js';
import { limitsOf } from './started-service.js';

async function ping(url: string, signal: AbortSignal): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  const onAbort = (): void => client.disconnect();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    const answer = await client.ping();
    if (answer !== 'PONG') throw new Error(`PING answered ${answer}`);
  } finally {
    signal.removeEventListener('abort', onAbort);
    client.disconnect();
  }
}

/** Starts Redis on 127.0.0.1:port, ready when it answers PING; no persistence. */
export async function startRedis(
  spec: RedisSpec,
  port: number,
  image: string,
  runId: string,
  logs: LogSink,
  signal?: AbortSignal,
): Promise<StartedDependency> {
  const url = `redis://127.0.0.1:${port}`;
  const check = {
    wait: (failFast: Promise<never>) =>
      pollUntilReady({
        what: `redis "${spec.name}" (image ${image}) answering PING on 127.0.0.1:${port}`,
        timeoutMs: spec.readyTimeoutMs,
        attempt: (signal) => ping(url, signal),
        failFast,
        hint: `see its log: ${logs.file}`,
      }),
  };
  const container = await startContainer(
    {
      identity: { runId, role: 'dependency', service: spec.name, port },
      image,
      command: [
        'redis-server',
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
      ],
      env: {},
      ...(spec.resources ? { resources: spec.resources } : {}),
      wait: new ReadinessWaitStrategy(
        check,
        { service: spec.name, image, logFile: logs.file },
        spec.readyTimeoutMs,
        signal,
      ),
      startupTimeoutMs: spec.readyTimeoutMs,
      ...(signal ? { signal } : {}),
    },
    logs,
  );
  return {
    service: spec.name,
    role: 'dependency',
    image,
    port,
    container,
    ...limitsOf(spec.resources),
    urlEnv: spec.urlEnv,
    url,
  };
}
