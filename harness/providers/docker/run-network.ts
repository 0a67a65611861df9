import type Docker from 'dockerode';
import { containerName, LABEL, labelsFor } from './container-labels.js';
import { dockerClient } from './docker-client.js';

/** Ports services listen on inside their own network namespace in bridge mode. */
export const BRIDGE_PORTS = {
  target: 8080,
  postgres: 5432,
  redis: 6379,
  loadBalancer: 8080,
} as const;

/**
 * Bridge networking: the run's own user-defined network, where services reach each other by
 * container name and the host reaches each through a port published on 127.0.0.1.
 */
export interface BridgeNetwork {
  name: string;
  /** The host name a container on the network reaches a service by (its container name). */
  hostOf(service: string): string;
}

export async function createRunNetwork(
  runId: string,
  docker: Docker = dockerClient(),
): Promise<BridgeNetwork> {
  const name = containerName(runId, 'net');
  await docker.createNetwork({
    Name: name,
    Driver: 'bridge',
    CheckDuplicate: true,
    Labels: labelsFor({ runId, role: 'network', service: 'net', port: 0 }),
  });
  return { name, hostOf: (service) => containerName(runId, service) };
}

/** Removes the run's networks (after its containers); quiet when there is none. */
export async function removeRunNetworks(
  runId: string,
  docker: Docker = dockerClient(),
): Promise<void> {
  const networks = await docker
    .listNetworks({ filters: { label: [`${LABEL.run}=${runId}`] } })
    .catch(() => []);
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
}
