import type { ContainerTargetSpec } from '../../../targets/container-target.js';
import type { LogSink } from './log-sink.js';
import { BRIDGE_PORTS, type BridgeNetwork } from './run-network.js';
import { startContainer } from './start-container.js';
import { limitsOf, type StartedService } from './started-service.js';
import { targetWaitStrategy } from './target-wait-strategy.js';

export interface Replica {
  service: string;
  /** Its port on 127.0.0.1. */
  port: number;
}

/**
 * Starts the target's replicas in parallel, each with the limits, its port as PORT and the
 * environment given; each is pushed onto `started` as soon as it is up (for clean-up).
 * Returns `host:port` addresses a load balancer on the same network reaches them at.
 */
export async function startReplicas(opts: {
  spec: ContainerTargetSpec;
  image: string;
  replicas: Replica[];
  env: Record<string, string>;
  /** Mounted into every replica (loadrig's Node agent and its socket's directory). */
  binds?: { source: string; target: string; readOnly: boolean }[];
  runId: string;
  logs: LogSink;
  started: StartedService[];
  signal?: AbortSignal;
  network?: BridgeNetwork;
}): Promise<string[]> {
  const { spec, image, logs, network } = opts;
  const signalOpt = opts.signal ? { signal: opts.signal } : {};
  return Promise.all(
    opts.replicas.map(async ({ service, port }) => {
      // Host networking: the service binds its own 127.0.0.1 port. Bridge: a fixed port inside
      // its namespace, published on 127.0.0.1:port.
      const listen = network
        ? { PORT: String(BRIDGE_PORTS.target), HOST: '0.0.0.0' }
        : { PORT: String(port), HOST: '127.0.0.1' };
      const container = await startContainer(
        {
          identity: { runId: opts.runId, role: 'target', service, port },
          image,
          ...(spec.command ? { command: spec.command } : {}),
          env: { ...opts.env, ...listen },
          ...(opts.binds ? { binds: opts.binds } : {}),
          ...(spec.resources ? { resources: spec.resources } : {}),
          wait: targetWaitStrategy(spec.health, {
            service,
            image,
            port,
            logFile: logs.file,
            ...signalOpt,
          }),
          startupTimeoutMs: spec.health.timeoutMs,
          ...(network
            ? { network: { name: network.name, containerPort: BRIDGE_PORTS.target } }
            : {}),
          ...signalOpt,
        },
        logs,
      );
      opts.started.push({
        service,
        role: 'target',
        image,
        port,
        container,
        ...limitsOf(spec.resources),
      });
      return network
        ? `${container.getIpAddress(network.name)}:${BRIDGE_PORTS.target}`
        : `127.0.0.1:${port}`;
    }),
  );
}
