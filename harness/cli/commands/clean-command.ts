import { removeTempDirs, scanTempDirs } from '../../temp/dead-temp-dirs.js';
import { dockerTools } from './docker-tools.js';

export interface CleanCommandOptions {
  /** Also remove containers of runs still in progress (and of other hosts sharing the daemon). */
  all?: boolean;
  /** Only this run's containers. */
  run?: string;
}

/**
 * `loadrig clean`: removes what crashed or killed runs left behind: the temp directories of
 * loadrig processes that are gone (agent sockets, balancer configs, k6 scripts, ab worktrees)
 * and their containers, found by label; with --all, every container loadrig started.
 */
export async function cleanCommand(
  opts: CleanCommandOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const tempFailed = opts.run === undefined ? cleanTempDirs(out) : 0;
  const containersFailed = await cleanContainers(opts, out);
  return tempFailed + containersFailed > 0 ? 3 : 0;
}

/** Returns how many directories could not be removed. */
export function cleanTempDirs(out: NodeJS.WritableStream): number {
  const scan = scanTempDirs();
  const failed = removeTempDirs(scan.dead);
  const removed = scan.dead.filter((d) => !failed.some((f) => f.path === d.path));
  const bytes = removed.reduce((n, d) => n + d.bytes, 0);
  const kept = scan.live > 0 ? `; kept ${scan.live} of loadrig processes still running` : '';
  out.write(
    removed.length === 0
      ? `temp directories: none left by dead runs${kept}\n`
      : `temp directories: removed ${removed.length} left by dead runs (${formatBytes(bytes)})${kept}\n`,
  );
  for (const f of failed) out.write(`could not remove ${f.path}: ${f.message}\n`);
  return failed.length;
}

/** Returns how many containers could not be removed (1 when Docker was asked for and absent). */
async function cleanContainers(
  opts: CleanCommandOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  const docker = await dockerTools();
  if ('unavailable' in docker) {
    // Asked for containers by name: that cannot be done without Docker.
    if (opts.run !== undefined || opts.all === true) throw docker.unavailable;
    out.write(`containers: not checked: ${docker.unavailable.message}\n`);
    return 0;
  }
  const { listManagedContainers, isLeftover, removeContainers, removeRunNetworks } = docker.tools;
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
  return failed.length;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
