import { existsSync, readdirSync, readFileSync } from 'node:fs';

// A zombie still answers kill(pid, 0), and PID 1 in containers often never reaps orphans, so
// where /proc exists a process counts as alive only while its state is not Z (zombie) or X.
const hasProcfs = existsSync('/proc/self/stat');

interface StatHead {
  state: string;
  pgrp: number;
}

function readStatHead(pid: number | string): StatHead | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may itself contain them.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

const dead = (state: string): boolean => state === 'Z' || state === 'X' || state === 'x';

function signalZeroAnswers(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function processAlive(pid: number): boolean {
  if (!hasProcfs) return signalZeroAnswers(pid);
  const head = readStatHead(pid);
  return head !== undefined && !dead(head.state);
}

/** True while any live (non-zombie) process is in process group `pgid`. */
export function processGroupAlive(pgid: number): boolean {
  if (!hasProcfs) return signalZeroAnswers(-pgid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const head = readStatHead(entry);
    if (head && head.pgrp === pgid && !dead(head.state)) return true;
  }
  return false;
}

/** Signals a whole process group; false when it no longer exists. */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
