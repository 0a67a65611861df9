import { hostname } from 'node:os';
import { ownerState } from '../../meta/owner-process.js';
import type { ManagedContainer } from './remove-containers.js';

/** A container whose loadrig process on this host is gone (crashed, killed): nobody will stop it. */
export function isLeftover(c: ManagedContainer, host = hostname()): boolean {
  return ownerState({ pid: c.ownerPid, hostname: c.ownerHost }, undefined, host) === 'dead';
}
