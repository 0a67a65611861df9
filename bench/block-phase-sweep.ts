import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AgentSample } from '../harness/agent/agent-sample.cjs';
import { agentScriptPath } from '../harness/agent/agent-path.js';
import { parseAgentLine } from '../harness/collectors/agent-lines.js';

// A target whose only work is blocking from a timer callback at the wall time it is told.
const TARGET = `
const { performance } = require('node:perf_hooks');
require('node:readline').createInterface({ input: process.stdin }).on('line', (text) => {
  const [atMs, ms] = text.split(' ').map(Number);
  setTimeout(() => {
    const start = Date.now();
    const until = performance.now() + ms;
    while (performance.now() < until);
    const end = Date.now();
    // When the loop turns again: a process descheduled after the block stalls past its end.
    setImmediate(() => process.stdout.write(start + ' ' + end + ' ' + Date.now() + '\\n'));
  }, Math.max(0, atMs - Date.now()));
});
`;

export interface PlantedBlock {
  /** Where it was planted against the agent's next report (ms; negative: before it). */
  phaseMs: number;
  startMs: number;
  endMs: number;
  /** When the target's event loop next turned after the block (>= endMs). */
  resumedMs: number;
}

export interface PhaseSweep {
  lines: AgentSample[];
  blocks: PlantedBlock[];
}

/**
 * Runs a Node process with the agent preloaded and plants one block of `blockMs` per agent
 * report, each at the next of `phasesMs` against the report after it (the agent reports at the
 * middle of each wall-clock second). Resolves with every agent line and every block once two
 * reports have followed the last block.
 */
export async function sweepBlockPhases(
  phasesMs: readonly number[],
  blockMs: number,
): Promise<PhaseSweep> {
  const dir = await mkdtemp(join(tmpdir(), 'loadrig-phases-'));
  const socketPath = join(dir, 'agent.sock');
  const lines: AgentSample[] = [];
  const blocks: PlantedBlock[] = [];
  const planted: number[] = [];
  const target = spawn(process.execPath, ['--require', agentScriptPath(), '-e', TARGET], {
    env: { PATH: process.env['PATH'] ?? '', LOADRIG_AGENT_SOCKET: socketPath },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  createInterface({ input: target.stdout }).on('line', (text) => {
    const [startMs, endMs, resumedMs] = text.split(' ').map(Number) as [number, number, number];
    blocks.push({ phaseMs: planted[blocks.length] ?? NaN, startMs, endMs, resumedMs });
  });
  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      target.once('exit', (code) => reject(new Error(`the target exited early (${code})`)));
      server.on('connection', (socket) => {
        createInterface({ input: socket }).on('line', (text) => {
          const sample = parseAgentLine(text);
          if (!sample) return;
          lines.push(sample);
          const phase = phasesMs[planted.length];
          if (phase !== undefined) {
            const nextReportMs = Math.floor((sample.atMs - 500) / 1000) * 1000 + 1500;
            planted.push(phase);
            target.stdin.write(`${nextReportMs + phase} ${blockMs}\n`);
          }
          const last = blocks.at(-1);
          if (blocks.length === phasesMs.length && last && lines.at(-2)!.atMs > last.endMs)
            resolve();
        });
      });
      server.listen(socketPath);
    });
    return { lines, blocks };
  } finally {
    target.removeAllListeners('exit');
    target.kill();
    server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The largest `key` of the two reports after a block ends: one of them carries it. */
export function seenAfter(
  { lines }: PhaseSweep,
  block: PlantedBlock,
  key: 'eventLoopBlockMaxMs' | 'eventLoopDelayMaxMs',
): number {
  return Math.max(
    0,
    ...lines
      .filter((l) => l.atMs >= block.endMs)
      .slice(0, 2)
      .map((l) => l[key]),
  );
}
