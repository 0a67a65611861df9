import { join } from 'node:path';
import { makeTempDir } from '../../temp/temp-dirs.js';
import type { MetricSource } from '../../collectors/metric-source.js';
import type { ContainerHealth } from '../../../targets/container-target.js';
import type { LogSink } from './log-sink.js';
import { nginxConfig } from './nginx-config.js';
import { BRIDGE_PORTS, type BridgeNetwork } from './run-network.js';
import { startContainer } from './start-container.js';
import { targetWaitStrategy } from './target-wait-strategy.js';
import type { StartedService } from './started-service.js';

/** Built offline by infra/images/build.sh; with a registry, `nginx` works the same way. */
export const DEFAULT_NGINX_IMAGE = process.env['LOADRIG_NGINX_IMAGE'] ?? 'loadrig/nginx';

const CONFIG_PATH = '/etc/loadrig/nginx.conf';
const LOG_DIR = '/var/log/loadrig';

export interface LoadBalancer {
  service: StartedService;
  metricSource: MetricSource;
  scratchDir: string;
}

/** nginx on the target's port in front of the replicas, ready when the health path answers through it. */
export async function startLoadBalancer(opts: {
  runId: string;
  targetName: string;
  image: string;
  port: number;
  /** Replica name → the `host:port` nginx reaches it at. */
  upstreams: { service: string; address: string }[];
  health: ContainerHealth;
  logs: LogSink;
  signal?: AbortSignal;
  network?: BridgeNetwork;
}): Promise<LoadBalancer> {
  const { network } = opts;
  const service = `${opts.targetName}-lb`;
  const scratchDir = makeTempDir('lb');
  const config = nginxConfig({
    listen: network ? `0.0.0.0:${BRIDGE_PORTS.loadBalancer}` : `127.0.0.1:${opts.port}`,
    upstreams: opts.upstreams.map((u) => u.address),
    accessLog: `${LOG_DIR}/access.log`,
  });
  // Ready when the replicas' own check passes through it (a log line cannot: then its port).
  const health: ContainerHealth =
    opts.health.kind === 'log' ? { kind: 'port', timeoutMs: opts.health.timeoutMs } : opts.health;
  const container = await startContainer(
    {
      identity: { runId: opts.runId, role: 'load-balancer', service, port: opts.port },
      image: opts.image,
      command: ['nginx', '-c', CONFIG_PATH, '-g', 'daemon off;'],
      env: {},
      files: [{ content: config, target: CONFIG_PATH }],
      binds: [{ source: scratchDir, target: LOG_DIR }],
      wait: targetWaitStrategy(health, {
        service,
        image: opts.image,
        port: opts.port,
        logFile: opts.logs.file,
        ...(opts.signal ? { signal: opts.signal } : {}),
      }),
      startupTimeoutMs: health.timeoutMs,
      ...(network
        ? { network: { name: network.name, containerPort: BRIDGE_PORTS.loadBalancer } }
        : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    },
    opts.logs,
  );
  const upstreams = Object.fromEntries(opts.upstreams.map((u) => [u.address, u.service]));
  return {
    service: { service, role: 'load-balancer', image: opts.image, port: opts.port, container },
    metricSource: {
      kind: 'upstream-log',
      file: join(scratchDir, 'access.log'),
      label: service,
      upstreams,
    },
    scratchDir,
  };
}
