import { assertDockerAvailable } from '../../providers/docker/docker-client.js';
import { isLeftover } from '../../providers/docker/leftovers.js';
import { listManagedContainers } from '../../providers/docker/remove-containers.js';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `loadrig ps`: the containers loadrig started that still exist, and whether their run is alive. */
export async function psCommand(out: NodeJS.WritableStream = process.stdout): Promise<number> {
  await assertDockerAvailable();
  const containers = await listManagedContainers();
  if (containers.length === 0) {
    out.write('no loadrig containers\n');
    return 0;
  }
  const rows = [['CONTAINER', 'RUN', 'ROLE', 'SERVICE', 'PORT', 'STATE', 'OWNER']];
  for (const c of containers) {
    rows.push([
      c.name,
      c.runId,
      c.role,
      c.service,
      c.port,
      c.state,
      isLeftover(c) ? `gone (pid ${c.ownerPid}): leftover` : `pid ${c.ownerPid} on ${c.ownerHost}`,
    ]);
  }
  out.write(table(rows) + '\n');
  const leftovers = containers.filter((c) => isLeftover(c)).length;
  if (leftovers > 0)
    out.write(
      `\n${leftovers} leftover(s) of runs that ended without cleaning up: run loadrig clean\n`,
    );
  return 0;
}
