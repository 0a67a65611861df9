import { existsSync } from 'node:fs';
import { ownerState } from '../../meta/owner-process.js';
import { abortedNotice, markIfAborted } from '../../store/mark-aborted.js';
import { runsInProgress } from '../../store/runs-in-progress.js';
import { DEFAULT_RUNS_DIR } from '../runs-flags.js';
import { dockerTools } from './docker-tools.js';

export interface PsCommandOptions {
  /** The folder of run directories (default runs). */
  runs?: string;
}

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

/**
 * `loadrig ps`: the runs of the runs folder still in progress (a run whose loadrig process died
 * is marked aborted on the way), and the containers loadrig started that still exist.
 */
export async function psCommand(
  opts: PsCommandOptions = {},
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  listRuns(opts.runs ?? DEFAULT_RUNS_DIR, out);
  await listContainers(out);
  return 0;
}

function listRuns(runsDir: string, out: NodeJS.WritableStream): void {
  if (!existsSync(runsDir)) {
    out.write(`runs: no folder ${runsDir}\n\n`);
    return;
  }
  const rows = [['RUN', 'STARTED', 'OWNER']];
  for (const run of runsInProgress(runsDir)) {
    const aborted = markIfAborted(run.dir);
    if (aborted) {
      out.write(`${abortedNotice(aborted)}\n`);
      continue;
    }
    const runner = run.meta.runner;
    const state = runner ? ownerState(runner, Date.parse(run.meta.startedAt)) : undefined;
    rows.push([
      run.meta.id,
      run.meta.startedAt,
      !runner
        ? 'unknown'
        : state === 'elsewhere'
          ? `pid ${runner.pid} on ${runner.hostname} (another host: not checked)`
          : `pid ${runner.pid} on ${runner.hostname}`,
    ]);
  }
  out.write(rows.length === 1 ? `runs: none in progress in ${runsDir}\n\n` : `${table(rows)}\n\n`);
}

async function listContainers(out: NodeJS.WritableStream): Promise<void> {
  const docker = await dockerTools();
  if ('unavailable' in docker) {
    out.write(`containers: not listed: ${docker.unavailable.message}\n`);
    return;
  }
  const { listManagedContainers, isLeftover } = docker.tools;
  const containers = await listManagedContainers();
  if (containers.length === 0) {
    out.write('no loadrig containers\n');
    return;
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
}
