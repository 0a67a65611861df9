import { looksLikeNode, prepareAgent } from '../agent/agent-injection.js';
import type { MetricSource } from '../collectors/metric-source.js';
import type { LocalTargetSpec } from '../../targets/target.js';

export interface LocalMetrics {
  /** Environment to merge into the target's (NODE_OPTIONS and the agent's socket). */
  env: Record<string, string>;
  /** Sources beyond the process itself, once the target's base URL is known. */
  sources(baseUrl: string): MetricSource[];
  cleanup(): Promise<void>;
}

/**
 * What a local target offers besides /proc: loadrig's Node agent when the command starts Node
 * (or `metrics.agent` says so), a Prometheus endpoint, and the dependencies' stats.
 */
export async function prepareLocalMetrics(
  spec: LocalTargetSpec,
  env: Record<string, string | undefined>,
): Promise<LocalMetrics> {
  const metrics = spec.metrics ?? {};
  const wanted = metrics.agent ?? looksLikeNode(spec.command);
  const agent = wanted ? await prepareAgent(env['NODE_OPTIONS']) : undefined;
  return {
    env: agent?.env ?? {},
    sources: (baseUrl) => [
      ...(agent
        ? [{ kind: 'node-agent' as const, socketPath: agent.socketPath, label: spec.name }]
        : []),
      ...(metrics.prometheus
        ? [{ kind: 'prometheus' as const, url: baseUrl + metrics.prometheus, label: spec.name }]
        : []),
      ...(metrics.postgres
        ? [{ kind: 'postgres' as const, connectionString: metrics.postgres, label: 'postgres' }]
        : []),
      ...(metrics.redis ? [{ kind: 'redis' as const, url: metrics.redis, label: 'redis' }] : []),
    ],
    cleanup: async () => agent?.cleanup(),
  };
}
