import { LoadrigError } from '../../../core/errors.js';
import { importNeeding } from '../../meta/optional-package.js';
import type * as ContainerLeftovers from '../../providers/docker/container-leftovers.js';

export type DockerTools = typeof ContainerLeftovers;

/**
 * Docker's part of `ps` and `clean`, or why there is none: dockerode not installed (a
 * local-process user's install) or no daemon answering. Those commands still do the rest.
 */
export async function dockerTools(): Promise<
  { tools: DockerTools } | { unavailable: LoadrigError }
> {
  try {
    const tools = await importNeeding(
      'listing containers',
      () => import('../../providers/docker/container-leftovers.js'),
      ['dockerode'],
    );
    await tools.assertDockerAvailable();
    return { tools };
  } catch (e) {
    if (LoadrigError.is(e) && ['E_PACKAGE_MISSING', 'E_DOCKER_UNAVAILABLE'].includes(e.code)) {
      return { unavailable: e };
    }
    throw e;
  }
}
