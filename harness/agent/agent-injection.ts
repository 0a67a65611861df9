import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeTempDir, removeTempDir } from '../temp/temp-dirs.js';
import { agentScriptPath } from './agent-path.js';

/** The variable the agent reads; without it the preloaded agent does nothing. */
export const AGENT_SOCKET_ENV = 'LOADRIG_AGENT_SOCKET';

const NODE_LAUNCHERS = new Set(['node', 'nodejs', 'npm', 'npx', 'pnpm', 'yarn', 'tsx']);

/** Whether a command starts Node (directly or through a launcher that runs Node children). */
export function looksLikeNode(command: string[] | string): boolean {
  const first = typeof command === 'string' ? command.trim().split(/\s+/)[0] : command[0];
  if (!first) return false;
  return first === process.execPath || NODE_LAUNCHERS.has(basename(first).replace(/\d+$/, ''));
}

/** NODE_OPTIONS with the agent preloaded in front of what the target already had. */
export function nodeOptionsWithAgent(existing: string | undefined, scriptPath: string): string {
  // NODE_OPTIONS splits on spaces unless the value is double-quoted.
  const quoted = `"${scriptPath.replace(/(["\\])/g, '\\$1')}"`;
  return [existing?.trim(), `--require=${quoted}`].filter(Boolean).join(' ');
}

export interface AgentInjection {
  /** Environment to merge into the target's. */
  env: Record<string, string>;
  socketPath: string;
  /** The agent script on the host. */
  scriptPath: string;
  /** Removes the socket's private directory. */
  cleanup(): Promise<void>;
}

/**
 * A private directory for the agent's socket (Unix socket paths are limited to about 100 bytes,
 * so under the system temp dir rather than the run dir) and the environment that turns the agent
 * on. Undefined when the agent has not been built (`npm run build`).
 */
export async function prepareAgent(
  existingNodeOptions: string | undefined,
): Promise<AgentInjection | undefined> {
  const script = agentScriptPath();
  if (!existsSync(script)) return undefined;
  const dir = makeTempDir('agent');
  const socketPath = join(dir, 'agent.sock');
  return {
    env: {
      NODE_OPTIONS: nodeOptionsWithAgent(existingNodeOptions, script),
      [AGENT_SOCKET_ENV]: socketPath,
    },
    socketPath,
    scriptPath: script,
    cleanup: () => removeTempDir(dir),
  };
}

/** Where a container sees the agent script. */
export const CONTAINER_AGENT_PATH = '/opt/loadrig/node-agent.cjs';

/**
 * The same injection for a container: the script bind-mounted read-only, the socket's directory
 * mounted at its host path (so the collector on the host and the agent inside share the socket),
 * and the environment pointing at both. `existingNodeOptions` is the container's own.
 */
export function containerAgent(
  injection: AgentInjection,
  existingNodeOptions: string | undefined,
): { binds: { source: string; target: string; readOnly: boolean }[]; env: Record<string, string> } {
  const socketDir = dirname(injection.socketPath);
  return {
    binds: [
      { source: injection.scriptPath, target: CONTAINER_AGENT_PATH, readOnly: true },
      { source: socketDir, target: socketDir, readOnly: false },
    ],
    env: {
      NODE_OPTIONS: nodeOptionsWithAgent(existingNodeOptions, CONTAINER_AGENT_PATH),
      [AGENT_SOCKET_ENV]: injection.socketPath,
    },
  };
}
