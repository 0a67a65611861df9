import type { MetricSource } from '../../collectors/metric-source.js';
import type { ContainerTargetSpec } from '../../../targets/container-target.js';
import type { TargetDetails } from '../provider.js';
import type { StartedDependency } from './dependency-start.js';
import type { StartedService } from './started-service.js';

/** Docker stats for every container; the dependencies' own statistics next to theirs. */
export function metricSourcesOf(
  started: StartedService[],
  deps: StartedDependency[],
): MetricSource[] {
  const sources: MetricSource[] = deps.map((d) =>
    d.hostUrl.startsWith('postgres:')
      ? { kind: 'postgres', connectionString: d.hostUrl, label: d.service }
      : { kind: 'redis', url: d.hostUrl, label: d.service },
  );
  for (const { container, service, cpus, memoryLimitBytes } of started) {
    sources.push({
      kind: 'docker',
      containerId: container.getId(),
      label: service,
      ...(cpus !== undefined ? { cpus } : {}),
      ...(memoryLimitBytes !== undefined ? { memoryLimitBytes } : {}),
    });
  }
  return sources;
}

/** What run.json records: image, replicas, limits (with the Node heap limit set), containers. */
export function targetDetails(
  spec: ContainerTargetSpec,
  image: string,
  heapLimitMb: number | undefined,
  started: StartedService[],
): TargetDetails {
  return {
    image,
    replicas: spec.replicas,
    ...(spec.resources
      ? {
          resources: {
            ...spec.resources,
            ...(heapLimitMb !== undefined ? { nodeHeapLimitMb: heapLimitMb } : {}),
          },
        }
      : {}),
    containers: started.map((s) => ({
      service: s.service,
      role: s.role,
      image: s.image,
      port: s.port,
      id: s.container.getId(),
      ...(s.cpus !== undefined ? { cpus: s.cpus } : {}),
      ...(s.memoryLimitBytes !== undefined ? { memoryMb: s.memoryLimitBytes / 2 ** 20 } : {}),
    })),
  };
}
