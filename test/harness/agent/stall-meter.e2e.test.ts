import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSample } from '../../../harness/agent/agent-sample.cjs';
import { agentScriptPath } from '../../../harness/agent/agent-path.js';
import { parseAgentLine } from '../../../harness/collectors/agent-lines.js';

const BLOCK_MS = 150;
// Where each block starts relative to the agent's next report: the report's own second, the
// edges of Node's histogram ticks (every 10 ms) just after it, and blocks that the report falls
// due inside of (negative phases), which is where a reset histogram loses them.
const PHASES_MS = [-140, -100, -50, -20, -10, -6, -3, -1, 0, 1, 3, 6, 10, 15, 30, 100, 450];

// A target whose only work is blocking from a timer callback at the wall time it is told.
const TARGET = `
const { performance } = require('node:perf_hooks');
require('node:readline').createInterface({ input: process.stdin }).on('line', (text) => {
  const [atMs, ms] = text.split(' ').map(Number);
  setTimeout(() => {
    const start = Date.now();
    const until = performance.now() + ms;
    while (performance.now() < until);
    process.stdout.write(start + ' ' + Date.now() + '\\n');
  }, Math.max(0, atMs - Date.now()));
});
`;

interface Block {
  startMs: number;
  endMs: number;
}

let child: ChildProcess | undefined;
let server: Server | undefined;
let dir: string | undefined;
afterEach(async () => {
  child?.kill();
  server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  child = server = dir = undefined;
});

/** Plants one block per agent report, each at the next phase, and collects lines and blocks. */
async function sweep(): Promise<{ lines: AgentSample[]; blocks: Block[] }> {
  dir = await mkdtemp(join(tmpdir(), 'loadrig-stall-'));
  const socketPath = join(dir, 'agent.sock');
  const lines: AgentSample[] = [];
  const blocks: Block[] = [];
  const phases = [...PHASES_MS];
  const target = spawn(process.execPath, ['--require', agentScriptPath(), '-e', TARGET], {
    env: { PATH: process.env.PATH ?? '', LOADRIG_AGENT_SOCKET: socketPath },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  child = target;
  createInterface({ input: target.stdout! }).on('line', (text) => {
    const [startMs, endMs] = text.split(' ').map(Number) as [number, number];
    blocks.push({ startMs, endMs });
  });
  return new Promise((resolve) => {
    server = createServer((socket) => {
      createInterface({ input: socket }).on('line', (text) => {
        const sample = parseAgentLine(text);
        if (!sample) return;
        lines.push(sample);
        const phase = phases.shift();
        // Reports go out mid-second: the next one is due at the next x.500 s.
        const nextReportMs = Math.floor((sample.atMs - 500) / 1000) * 1000 + 1500;
        if (phase !== undefined) target.stdin!.write(`${nextReportMs + phase} ${BLOCK_MS}\n`);
        // Two reports after the last block has run: every block has been reported.
        const last = blocks.at(-1);
        if (blocks.length === PHASES_MS.length && last && lines.at(-2)!.atMs > last.endMs)
          resolve({ lines, blocks });
      });
    });
    server.listen(socketPath);
  });
}

describe('the agent stall meter', () => {
  it('reports every timer-callback block once, at its length, whatever its phase against the report', async () => {
    const { lines, blocks } = await sweep();
    expect(blocks).toHaveLength(PHASES_MS.length);
    for (const block of blocks) {
      // Seen by the first meter tick after the block, so in one of the next two reports.
      const next = lines.filter((l) => l.atMs >= block.endMs).slice(0, 2);
      const seen = Math.max(...next.map((l) => l.eventLoopBlockMaxMs));
      // The block as the target lived it (a busy machine can stretch it past BLOCK_MS).
      const lastedMs = block.endMs - block.startMs;
      expect(seen, `block at ${block.startMs}`).toBeGreaterThanOrEqual(lastedMs * 0.9);
      // Within a tick when the machine is quiet; a target descheduled just after the block (a
      // busy shared machine) stalls longer, but never twice the block.
      expect(seen, `block at ${block.startMs}`).toBeLessThan(lastedMs * 2);
    }
    // Once each: no block is counted twice (two may share a report when one ends just after
    // a report and the next starts just before the following one).
    const stalled = lines.filter((l) => l.eventLoopBlockMaxMs >= BLOCK_MS / 2);
    expect(stalled.length).toBeLessThanOrEqual(blocks.length);
    const blockedMs = lines.reduce((sum, l) => sum + l.eventLoopBlockedMs, 0);
    const livedMs = blocks.reduce((sum, b) => sum + b.endMs - b.startMs, 0);
    expect(blockedMs).toBeGreaterThanOrEqual(livedMs * 0.9);
  }, 60_000);
});
