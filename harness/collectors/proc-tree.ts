import { readdir, readFile } from 'node:fs/promises';
import { parseProcStat, parseVmRssBytes, type ProcStat } from './proc-stat.js';

export interface ProcSnapshot extends ProcStat {
  pid: number;
  rssBytes: number;
  openFds: number;
}

async function readSnapshot(pid: number): Promise<ProcSnapshot | undefined> {
  try {
    const [statText, statusText, fds] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/status`, 'utf8'),
      readdir(`/proc/${pid}/fd`).catch(() => []),
    ]);
    const stat = parseProcStat(statText);
    if (!stat) return undefined;
    return { ...stat, pid, rssBytes: parseVmRssBytes(statusText) ?? 0, openFds: fds.length };
  } catch {
    return undefined; // gone between listing and reading
  }
}

const numeric = (text: string): number[] =>
  text
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number);

/** Children from /proc/<pid>/task/<tid>/children (every thread can fork); undefined if unsupported. */
async function childrenOf(pid: number): Promise<number[] | undefined> {
  let tids: string[];
  try {
    tids = await readdir(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const lists = await Promise.all(
    tids.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => undefined)),
  );
  if (lists.every((list) => list === undefined) && tids.length > 0) return undefined;
  return lists.flatMap((list) => (list ? numeric(list) : []));
}

/** Fallback for kernels without CONFIG_PROC_CHILDREN: one pass over every process's ppid. */
async function childrenByScan(): Promise<Map<number, number[]>> {
  const byParent = new Map<number, number[]>();
  const pids = numeric((await readdir('/proc')).join(' '));
  await Promise.all(
    pids.map(async (pid) => {
      const stat = parseProcStat(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''));
      if (stat) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), pid]);
    }),
  );
  return byParent;
}

/** The process and all its live descendants; undefined when the root process is gone. */
export async function readProcessTree(rootPid: number): Promise<ProcSnapshot[] | undefined> {
  const root = await readSnapshot(rootPid);
  if (!root) return undefined;
  const tree = [root];
  const seen = new Set([rootPid]);
  let scanned: Map<number, number[]> | undefined;
  for (let i = 0; i < tree.length; i++) {
    const pid = (tree[i] as ProcSnapshot).pid;
    let children = scanned ? scanned.get(pid) : await childrenOf(pid);
    if (children === undefined && !scanned) {
      scanned = await childrenByScan();
      children = scanned.get(pid);
    }
    for (const child of children ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      const snapshot = await readSnapshot(child);
      if (snapshot) tree.push(snapshot);
    }
  }
  return tree;
}
