import type { Side } from './ref-worktrees.js';

/**
 * Rounds in balanced interleaved order, A B B A A B B A ...: each pair of rounds swaps which
 * side goes first, so a machine that slowly heats up, or a neighbour that gets busier, weighs
 * on both sides alike instead of on whichever ran last.
 */
export function balancedOrder(roundsPerSide: number): Side[] {
  return Array.from({ length: 2 * roundsPerSide }, (_, i) =>
    i % 4 === 0 || i % 4 === 3 ? 'base' : 'candidate',
  );
}
