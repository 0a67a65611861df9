import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { processAlive } from '../providers/process-alive.js';

/** The loadrig process that owns a run or a temp directory, as recorded by it. */
export interface ProcessOwner {
  pid: number;
  /** Absent: this host (a temp directory's owner). */
  hostname?: string;
}

/** `alive`: it may still be writing; `dead`: gone or its pid reused; `elsewhere`: another host. */
export type OwnerState = 'alive' | 'dead' | 'elsewhere';

// /proc reports start times in USER_HZ ticks, 100 per second on every Linux architecture Node runs on.
const TICKS_PER_SECOND = 100;
// Start times are in whole ticks and the owner records its own clock: allow for both.
const CLOCK_SLACK_MS = 5_000;

/**
 * Whether the process that wrote something (a run that started at `sinceMs`, a temp directory
 * created then) is still running. A pid can be reused once its process is gone, so a live pid
 * counts only if its process started before `sinceMs` and is a Node or loadrig process (its
 * /proc/<pid>/cmdline): anything else took the pid over after the owner died.
 */
export function ownerState(owner: ProcessOwner, sinceMs?: number, host = hostname()): OwnerState {
  if (owner.hostname !== undefined && owner.hostname !== host) return 'elsewhere';
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return 'dead';
  if (!processAlive(owner.pid)) return 'dead';
  const startedMs = processStartMs(owner.pid);
  if (sinceMs !== undefined && startedMs !== undefined && startedMs > sinceMs + CLOCK_SLACK_MS) {
    return 'dead';
  }
  const argv = processArgv(owner.pid);
  if (argv !== undefined && !looksLikeLoadrig(argv)) return 'dead';
  return 'alive';
}

/** A command line that can be loadrig's: `node .../loadrig.js`, `npx loadrig`, or any Node process (an API caller). */
export function looksLikeLoadrig(argv: readonly string[]): boolean {
  if (argv.some((a) => /loadrig/i.test(a))) return true;
  const exe = (argv[0] ?? '').split('/').at(-1) ?? '';
  return /^(node|nodejs)\d*$/.test(exe) || exe === process.execPath.split('/').at(-1);
}

function processArgv(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((a) => a !== '');
  } catch {
    return undefined;
  }
}

/** When the process started (unix ms), from /proc; undefined where /proc cannot tell. */
export function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which sits in parentheses and may contain them itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
    if (!Number.isFinite(ticks) || btime === undefined) return undefined;
    return Number(btime) * 1000 + (ticks / TICKS_PER_SECOND) * 1000;
  } catch {
    return undefined;
  }
}
