import { hostname } from 'node:os';
import type { ManagedContainer } from './remove-containers.js';

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A container whose loadrig process on this host is gone (crashed, killed): nobody will stop it. */
export function isLeftover(c: ManagedContainer, host = hostname()): boolean {
  return c.ownerHost === host && !alive(c.ownerPid);
}
