import { TargetError } from '../../../core/errors.js';
import { Redis } from 'ioredis';
import type { RedisSpec } from '../../../targets/dependencies/dependency.js';
import { pollUntilReady } from './poll-until-ready.js';
import { BRIDGE_PORTS } from './run-network.js';
import { ReadinessWaitStrategy } from './readiness-wait-strategy.js';
import { startContainer } from './start-container.js';
import type { DependencyStart, StartedDependency } from './dependency-start.js';
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
    if (answer !== 'PONG') {
      throw new TargetError('E_TARGET_UNHEALTHY', `redis answered PING with ${answer}, not PONG`);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    client.disconnect();
  }
}

/** Starts Redis, ready when it answers PING on 127.0.0.1; no persistence. */
export async function startRedis(
  spec: RedisSpec,
  how: DependencyStart,
): Promise<StartedDependency> {
  const { port, image, runId, logs, signal, network } = how;
  const hostUrl = `redis://127.0.0.1:${port}`;
  const check = {
    wait: (failFast: Promise<never>) =>
      pollUntilReady({
        what: `redis "${spec.name}" (image ${image}) answering PING on 127.0.0.1:${port}`,
        timeoutMs: spec.readyTimeoutMs,
        attempt: (attemptSignal) => ping(hostUrl, attemptSignal),
        failFast,
        hint: `see its log: ${logs.file}`,
      }),
  };
  const listen = network
    ? ['--port', String(BRIDGE_PORTS.redis), '--bind', '0.0.0.0']
    : ['--port', String(port), '--bind', '127.0.0.1'];
  const container = await startContainer(
    {
      identity: { runId, role: 'dependency', service: spec.name, port },
      image,
      command: [
        'redis-server',
        ...listen,
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
      ...(network ? { network: { name: network.name, containerPort: BRIDGE_PORTS.redis } } : {}),
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
    url: network ? `redis://${network.hostOf(spec.name)}:${BRIDGE_PORTS.redis}` : hostUrl,
    hostUrl,
  };
}
