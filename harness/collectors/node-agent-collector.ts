import { rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { AgentSample } from '../agent/agent-sample.cjs';
import { mergeOneProcess, mergeProcesses, parseAgentLine } from './agent-lines.js';
import type { Collector } from './collector.js';
import { GC_KINDS, agentSampleValues, nodeSeriesInfo } from './node-series.js';

// A process whose last line is older than this has stopped reporting (exited, or wedged so
// hard its timer cannot fire): its old gauges are not repeated, the second becomes a gap.
const STALE_AFTER_MS = 2500;

interface ProcessState {
  pending: AgentSample[];
  last?: { sample: AgentSample; receivedMs: number };
  socket: Socket;
}

/**
 * Listens on the Unix socket loadrig's Node agent (harness/agent/node-agent.cts) connects to,
 * and turns its once-a-second JSON lines into series. Several processes may report (a launcher
 * and its server, cluster workers); they are merged as one target.
 */
export class NodeAgentCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  readonly #server: Server;
  // Keyed by connection and pid: containers sharing the socket each have their own pid
  // namespace, so two replicas' servers are commonly both pid 7 (or 1).
  readonly #processes = new Map<string, ProcessState>();
  #connections = 0;
  readonly listening: Promise<void>;

  constructor(
    readonly socketPath: string,
    readonly label: string,
    private readonly clockMs: () => number = () => performance.now(),
  ) {
    this.series = nodeSeriesInfo(label, `node agent ${label}`);
    this.#server = createServer((socket) => this.#accept(socket));
    this.listening = new Promise((resolve) => {
      this.#server.once('listening', resolve);
      this.#server.once('error', () => resolve()); // no agent data then: gaps, not a failed run
    });
    // Writable by all: a container's user need not be the harness's. The directory around the
    // socket decides who reaches it (0700 for local targets, 0755 for containers).
    this.#server.listen({ path: socketPath, readableAll: true, writableAll: true });
  }

  #accept(socket: Socket): void {
    const connection = ++this.#connections;
    socket.on('error', () => undefined);
    const lines = createInterface({ input: socket, crlfDelay: Infinity });
    lines.on('line', (text) => {
      const sample = parseAgentLine(text);
      if (!sample) return;
      const key = `${connection}:${sample.pid}`;
      const state = this.#processes.get(key) ?? { pending: [], socket };
      state.pending.push(sample);
      this.#processes.set(key, state);
    });
    socket.on('close', () => {
      for (const [key, state] of this.#processes)
        if (state.socket === socket) this.#processes.delete(key);
    });
  }

  /** How many processes have reported so far and are still connected. */
  get reportingProcesses(): number {
    return this.#processes.size;
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    const nowMs = this.clockMs();
    const current: AgentSample[] = [];
    for (const state of this.#processes.values()) {
      const fresh = mergeOneProcess(state.pending.splice(0));
      if (fresh) {
        state.last = { sample: fresh, receivedMs: nowMs };
        current.push(fresh);
      } else if (state.last && nowMs - state.last.receivedMs < STALE_AFTER_MS) {
        // No line landed in this tick (timer phase drift): keep the gauges, count no new GC
        // and no new stall (repeating them would count one block twice).
        const gc = Object.fromEntries(GC_KINDS.map((k) => [k, { count: 0, totalMs: 0 }]));
        current.push({
          ...state.last.sample,
          eventLoopBlockMaxMs: 0,
          eventLoopBlockedMs: 0,
          gc: gc as AgentSample['gc'],
        });
      }
    }
    const merged = mergeProcesses(current);
    return merged ? agentSampleValues(merged) : {};
  }

  async close(): Promise<void> {
    for (const state of this.#processes.values()) state.socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await rm(this.socketPath, { force: true });
  }
}
