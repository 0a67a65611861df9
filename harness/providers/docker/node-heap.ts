import type { ContainerTargetSpec } from '../../../targets/container-target.js';

/** Share of the container's memory given to V8's old space, leaving room for the rest of Node. */
export const HEAP_SHARE = 0.75;

/**
 * NODE_OPTIONS with `--max-old-space-size` at 75 % of the memory limit, unless the spec turned
 * it off or already sets a heap limit (in NODE_OPTIONS or the command). Only Node reads it.
 */
export function nodeHeapEnv(spec: ContainerTargetSpec): {
  env: Record<string, string>;
  heapLimitMb?: number;
} {
  const memoryMb = spec.resources?.memoryMb;
  const current = spec.env['NODE_OPTIONS'] ?? '';
  const setByUser =
    /--max-old-space-size/.test(current) ||
    (spec.command ?? []).some((a) => a.startsWith('--max-old-space-size'));
  if (spec.nodeHeap === 'off' || memoryMb === undefined || setByUser) return { env: {} };
  const heapLimitMb = Math.floor(memoryMb * HEAP_SHARE);
  return {
    env: { NODE_OPTIONS: `${current} --max-old-space-size=${heapLimitMb}`.trim() },
    heapLimitMb,
  };
}
