import { InternalError } from '../../core/errors.js';
import type { Collector } from './collector.js';
import type { MetricSource } from './metric-source.js';
import { NodeAgentCollector } from './node-agent-collector.js';
import { PostgresCollector } from './postgres-collector.js';
import { ProcessCollector } from './process-collector.js';
import { PrometheusCollector } from './prometheus-collector.js';
import { RedisCollector } from './redis-collector.js';
import { DockerStatsCollector } from './docker-stats-collector.js';
import { UpstreamLogCollector } from './upstream-log-collector.js';

/** One collector per metric source a provider announced. */
export function createCollectors(sources: MetricSource[]): Collector[] {
  return sources.map((source): Collector => {
    switch (source.kind) {
      case 'process':
        return new ProcessCollector(source.pid, source.label);
      case 'node-agent':
        return new NodeAgentCollector(source.socketPath, source.label);
      case 'prometheus':
        return new PrometheusCollector(source.url, source.label);
      case 'postgres':
        return new PostgresCollector(source.connectionString, source.label);
      case 'redis':
        return new RedisCollector(source.url, source.label);
      case 'docker':
        return new DockerStatsCollector(source);
      case 'upstream-log':
        return new UpstreamLogCollector(source.file, source.label, source.upstreams);
      default: {
        const unknown: never = source;
        throw new InternalError(
          `no collector for metric source kind "${(unknown as MetricSource).kind}"`,
        );
      }
    }
  });
}

export type { Collector } from './collector.js';
export type { MetricSource } from './metric-source.js';
