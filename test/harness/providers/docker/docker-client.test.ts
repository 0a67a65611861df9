import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../../../core/exit-codes.js';
import { assertDockerAvailable } from '../../../../harness/providers/docker/docker-client.js';
import { isLeftover } from '../../../../harness/providers/docker/leftovers.js';
import type { ManagedContainer } from '../../../../harness/providers/docker/remove-containers.js';

describe('the Docker daemon', () => {
  it('unreachable: a clear error with how to start it, exit code 3', async () => {
    const docker = new Docker({ socketPath: '/nonexistent/docker.sock' });
    const error = await assertDockerAvailable(docker).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_DOCKER_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/Docker daemon at .* is not reachable: .*ENOENT/);
    expect((error as { hint: string }).hint).toMatch(/dockerd --iptables=false --bridge=none/);
    expect(exitCodeFor('E_DOCKER_UNAVAILABLE')).toBe(3);
    expect(exitCodeFor('E_IMAGE_NOT_FOUND')).toBe(3);
  });
});

describe('leftovers', () => {
  const container = (ownerPid: number, ownerHost: string): ManagedContainer => ({
    id: 'c',
    name: 'loadrig-run-api',
    image: 'x',
    state: 'running',
    status: 'Up',
    runId: 'run',
    role: 'target',
    service: 'api',
    port: '1',
    ownerPid,
    ownerHost,
    createdAt: new Date(0),
  });

  it('are containers whose loadrig process on this host is gone', () => {
    expect(isLeftover(container(process.pid, 'here'), 'here')).toBe(false);
    expect(isLeftover(container(2 ** 22 + 17, 'here'), 'here')).toBe(true);
    // Another host's run sharing the daemon: not ours to judge.
    expect(isLeftover(container(2 ** 22 + 17, 'elsewhere'), 'here')).toBe(false);
  });
});
