import type { TargetSpec } from '../../targets/target.js';
import { DockerProvider } from './docker/docker-provider.js';
import { ExternalProvider } from './external-provider.js';
import { LocalProvider } from './local-provider.js';
import type { Provider } from './provider.js';

export const providers = {
  local: new LocalProvider(),
  external: new ExternalProvider(),
  docker: new DockerProvider(),
} satisfies Record<TargetSpec['kind'], Provider>;

export function providerFor(spec: TargetSpec): Provider {
  return providers[spec.kind];
}

export type { Provider, ProvisionContext, RunningTarget, TargetExit } from './provider.js';
