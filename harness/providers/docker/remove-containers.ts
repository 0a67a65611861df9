import type Docker from 'dockerode';
import { dockerClient } from './docker-client.js';
import { LABEL } from './container-labels.js';

export interface ManagedContainer {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  runId: string;
  role: string;
  service: string;
  port: string;
  ownerPid: number;
  ownerHost: string;
  createdAt: Date;
}

/** Every container loadrig started (running or not), optionally of one run. */
export async function listManagedContainers(
  runId?: string,
  docker: Docker = dockerClient(),
): Promise<ManagedContainer[]> {
  const label = [runId === undefined ? `${LABEL.managed}=true` : `${LABEL.run}=${runId}`];
  const found = await docker.listContainers({ all: true, filters: { label } });
  return found.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    image: c.Image,
    state: c.State,
    status: c.Status,
    runId: c.Labels[LABEL.run] ?? '?',
    role: c.Labels[LABEL.role] ?? '?',
    service: c.Labels[LABEL.service] ?? '?',
    port: c.Labels[LABEL.port] ?? '',
    ownerPid: Number(c.Labels[LABEL.ownerPid] ?? 0),
    ownerHost: c.Labels[LABEL.ownerHost] ?? '',
    createdAt: new Date(c.Created * 1000),
  }));
}

/** Force-removes containers (and their anonymous volumes); returns the ids it could remove. */
export async function removeContainers(
  ids: string[],
  docker: Docker = dockerClient(),
): Promise<{ removed: string[]; failed: { id: string; message: string }[] }> {
  const results = await Promise.all(
    ids.map(async (id) => {
      try {
        await docker.getContainer(id).remove({ force: true, v: true });
        return { id };
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 404) return { id }; // already gone
        return { id, message: (err as Error).message };
      }
    }),
  );
  return {
    removed: results.filter((r) => !('message' in r)).map((r) => r.id),
    failed: results.filter((r): r is { id: string; message: string } => 'message' in r),
  };
}

/** Removes whatever is left of one run: the safety net after a failed start or a stop. */
export async function removeRun(runId: string, docker: Docker = dockerClient()): Promise<void> {
  const left = await listManagedContainers(runId, docker).catch(() => []);
  if (left.length > 0)
    await removeContainers(
      left.map((c) => c.id),
      docker,
    );
}
