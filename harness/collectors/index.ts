import { InternalError } from '../../core/errors.js';
import { importNeeding } from '../meta/optional-package.js';
import type { Collector } from './collector.js';
import type { MetricSource } from './metric-source.js';
import { NodeAgentCollector } from './node-agent-collector.js';
import { ProcessCollector } from './process-collector.js';
import { PrometheusCollector } from './prometheus-collector.js';
import { UpstreamLogCollector } from './upstream-log-collector.js';

/**
 * One collector per metric source a provider announced. The Docker, Postgres and Redis
 * collectors are imported only when a source needs them (their clients are optional packages);
 * a missing client fails here, before any load, naming the package.
 */
export async function createCollectors(sources: MetricSource[]): Promise<Collector[]> {
  const collectors: Collector[] = [];
  for (const source of sources) collectors.push(await createCollector(source));
  return collectors;
}

async function createCollector(source: MetricSource): Promise<Collector> {
  switch (source.kind) {
    case 'process':
      return new ProcessCollector(source.pid, source.label);
    case 'node-agent':
      return new NodeAgentCollector(source.socketPath, source.label);
    case 'prometheus':
      return new PrometheusCollector(source.url, source.label);
    case 'postgres': {
      const { PostgresCollector } = await importNeeding(
        `the Postgres metrics of "${source.label}"`,
        () => import('./postgres-collector.js'),
        ['pg'],
      );
      return new PostgresCollector(source.connectionString, source.label);
    }
    case 'redis': {
      const { RedisCollector } = await importNeeding(
        `the Redis metrics of "${source.label}"`,
        () => import('./redis-collector.js'),
        ['ioredis'],
      );
      return new RedisCollector(source.url, source.label);
    }
    case 'docker': {
      const { DockerStatsCollector } = await importNeeding(
        `the Docker stats of "${source.label}"`,
        () => import('./docker-stats-collector.js'),
        ['dockerode'],
      );
      return new DockerStatsCollector(source);
    }
    case 'upstream-log':
      return new UpstreamLogCollector(source.file, source.label, source.upstreams);
    default: {
      const unknown: never = source;
      throw new InternalError(
        `no collector for metric source kind "${(unknown as MetricSource).kind}"`,
      );
    }
  }
}

export type { Collector } from './collector.js';
export type { MetricSource } from './metric-source.js';
