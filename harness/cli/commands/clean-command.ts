import { assertDockerAvailable } from '../../providers/docker/docker-client.js';
import { isLeftover } from '../../providers/docker/leftovers.js';
import { removeRunNetworks } from '../../providers/docker/run-network.js';
import {
  listManagedContainers,
  removeContainers,
} from '../../providers/docker/remove-containers.js';

export interface CleanCommandOptions {
  /** Also remove containers of runs still in progress (and of other hosts sharing the daemon). */
  all?: boolean;
  /** Only this run's containers. */
  run?: string;
}

/**
 * `loadrig clean`: removes the containers a crashed or killed run left behind (their loadrig
 * process is gone), found by label; with --all, every container loadrig started.
 */
export async function cleanCommand(
  opts: CleanCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  await assertDockerAvailable();
  const containers = await listManagedContainers(opts.run);
  const doomed = containers.filter(
    (c) => opts.all === true || opts.run !== undefined || isLeftover(c),
  );
  const kept = containers.length - doomed.length;
  if (doomed.length === 0) {
    out.write(
      `nothing to clean${kept > 0 ? ` (${kept} container(s) of runs in progress kept; --all removes them too)` : ''}\n`,
    );
    return 0;
  }
  const { removed, failed } = await removeContainers(doomed.map((c) => c.id));
  // Bridge-mode runs also left their network behind.
  for (const runId of new Set(doomed.map((c) => c.runId))) await removeRunNetworks(runId);
  for (const c of doomed.filter((d) => removed.includes(d.id))) {
    out.write(`removed ${c.name} (run ${c.runId}, ${c.role} ${c.service})\n`);
  }
  for (const f of failed) out.write(`could not remove ${f.id.slice(0, 12)}: ${f.message}\n`);
  if (kept > 0)
    out.write(`kept ${kept} container(s) of runs in progress (--all removes them too)\n`);
  return failed.length > 0 ? 3 : 0;
}
