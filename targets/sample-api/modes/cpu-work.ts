import { createHash } from 'node:crypto';
import { burnCpu } from './mode.js';

const block = Buffer.alloc(1024, 7);

/** Synchronous CPU work for `ms`: repeated SHA-256 of 1 KiB, so the time is real computation. */
export function hashFor(ms: number): number {
  return burnCpu(ms, (acc) => createHash('sha256').update(block).digest()[0]! + acc);
}
