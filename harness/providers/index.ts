import type { TargetSpec } from '../../targets/target.js';
import { importNeeding, type OptionalPackage } from '../meta/optional-package.js';
import { ExternalProvider } from './external-provider.js';
import { LocalProvider } from './local-provider.js';
import type { Provider, ProvisionContext, RunningTarget } from './provider.js';

/**
 * The docker provider's modules (testcontainers, dockerode, and pg and ioredis for its
 * dependencies) are loaded when a container target starts: a local-process run never loads
 * them, and they need not be installed for one.
 */
class LazyDockerProvider implements Provider {
  async start(spec: TargetSpec, ctx: ProvisionContext): Promise<RunningTarget> {
    const needs: OptionalPackage[] = ['dockerode', 'testcontainers'];
    if (spec.kind === 'docker') {
      const kinds = new Set(spec.dependencies.map((d) => d.kind));
      if (kinds.has('postgres')) needs.push('pg');
      if (kinds.has('redis')) needs.push('ioredis');
    }
    const { DockerProvider } = await importNeeding(
      `container target "${spec.name}"`,
      () => import('./docker/docker-provider.js'),
      needs,
    );
    return new DockerProvider().start(spec, ctx);
  }
}

export const providers = {
  local: new LocalProvider(),
  external: new ExternalProvider(),
  docker: new LazyDockerProvider(),
} satisfies Record<TargetSpec['kind'], Provider>;

export function providerFor(spec: TargetSpec): Provider {
  return providers[spec.kind];
}

export type { Provider, ProvisionContext, RunningTarget, TargetExit } from './provider.js';
