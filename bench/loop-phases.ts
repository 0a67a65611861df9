import { seenAfter, sweepBlockPhases } from './block-phase-sweep.js';

/**
 * Why the agent has a stall meter beside Node's event-loop-delay histogram: blocks planted from
 * a timer callback at phases around the agent's report, each read back from the histogram's max
 * and from the stall meter. Figures, not assertions: `npm run bench:loop-phases`.
 */
const BLOCK_MS = Number(process.env['BENCH_BLOCK_MS'] ?? 150);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const PHASES_MS = [-140, -100, -50, -20, -10, -6, -3, -1, 0, 1, 3, 6, 10, 15, 30, 100, 450];

const missed = { histogram: 0, meter: 0 };
const rows = new Map<number, string[]>(PHASES_MS.map((p) => [p, []]));
for (let round = 0; round < ROUNDS; round++) {
  const sweep = await sweepBlockPhases(PHASES_MS, BLOCK_MS);
  for (const block of sweep.blocks) {
    const lived = block.endMs - block.startMs;
    const histogram = seenAfter(sweep, block, 'eventLoopDelayMaxMs');
    const meter = seenAfter(sweep, block, 'eventLoopBlockMaxMs');
    if (histogram < lived / 2) missed.histogram++;
    if (meter < lived / 2) missed.meter++;
    rows
      .get(block.phaseMs)
      ?.push(`${lived}/${histogram.toFixed(0).padStart(3)}/${meter.toFixed(0).padStart(3)}`);
  }
}
console.log(
  `block of ${BLOCK_MS} ms from a timer callback, planted at a phase against the agent's next report; ` +
    `per round: lived / Node's histogram max / stall meter (ms)\n`,
);
for (const [phase, cells] of rows)
  console.log(`${String(phase).padStart(6)} ms  ${cells.join('   ')}`);
const total = PHASES_MS.length * ROUNDS;
console.log(
  `\nmissed (read below half the block): Node's histogram ${missed.histogram} of ${total}, stall meter ${missed.meter} of ${total}`,
);
