import { describe, expect, it } from 'vitest';
import { seenAfter, sweepBlockPhases } from '../../../bench/block-phase-sweep.js';

const BLOCK_MS = 150;
// Where each block starts against the agent's next report: blocks the report falls due inside
// of (negative phases), the edges of Node's histogram ticks (every 10 ms) just after it, and
// the rest of the second; the first two kinds are where a reset histogram loses them.
const PHASES_MS = [-140, -100, -50, -20, -10, -6, -3, -1, 0, 1, 3, 6, 10, 15, 30, 100, 450];

describe('the agent stall meter', () => {
  it('reports every timer-callback block once, at its length, whatever its phase against the report', async () => {
    const sweep = await sweepBlockPhases(PHASES_MS, BLOCK_MS);
    expect(sweep.blocks).toHaveLength(PHASES_MS.length);
    for (const block of sweep.blocks) {
      const seen = seenAfter(sweep, block, 'eventLoopBlockMaxMs');
      // The block as the target lived it (a busy machine can stretch it past BLOCK_MS).
      const lastedMs = block.endMs - block.startMs;
      expect(seen, `block at phase ${block.phaseMs} ms`).toBeGreaterThanOrEqual(lastedMs * 0.9);
      // Within a tick when the machine is quiet. A target descheduled just after the block (a
      // busy shared machine) stalls until its loop turns again, and that is what it lived; never
      // twice that (two blocks merged into one report would be).
      const stalledMs = block.resumedMs - block.startMs;
      expect(seen, `block at phase ${block.phaseMs} ms`).toBeLessThan(
        Math.max(lastedMs, stalledMs) * 2,
      );
    }
    // Once each: no block is counted twice (two may share a report when one ends just after
    // a report and the next starts just before the following one).
    const stalled = sweep.lines.filter((l) => l.eventLoopBlockMaxMs >= BLOCK_MS / 2);
    expect(stalled.length).toBeLessThanOrEqual(sweep.blocks.length);
    const blockedMs = sweep.lines.reduce((sum, l) => sum + l.eventLoopBlockedMs, 0);
    const livedMs = sweep.blocks.reduce((sum, b) => sum + b.endMs - b.startMs, 0);
    expect(blockedMs).toBeGreaterThanOrEqual(livedMs * 0.9);
  }, 60_000);
});
