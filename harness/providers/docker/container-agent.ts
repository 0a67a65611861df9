import { chmod } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ContainerTargetSpec } from '../../../targets/container-target.js';
import { containerAgent, looksLikeNode, prepareAgent } from '../../agent/agent-injection.js';
import type { MetricSource } from '../../collectors/metric-source.js';
import { dockerClient } from './docker-client.js';

/** What `docker image inspect` says the image runs, as far as telling Node apart goes. */
export interface ImageConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
}

/** The agent's part of every replica, the source the collector reads, the dir to remove. */
export interface ContainerAgentPlan {
  binds: { source: string; target: string; readOnly: boolean }[];
  env: Record<string, string>;
  source: MetricSource;
  /** The socket's private directory on the host (removed with the run's other scratch dirs). */
  socketDir: string;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);

/** `node …`, `npm start`, or a shell running one (`sh -c "node server.js"`). */
function argvRunsNode(argv: string[] | null | undefined): boolean {
  if (!argv?.length) return false;
  const [first, flag, script] = argv;
  const shell = SHELLS.has((first ?? '').split('/').pop() ?? '') && flag === '-c' && script;
  return looksLikeNode(shell ? script : argv);
}

/**
 * Whether a container runs Node: its entrypoint or command (the spec's, else the image's)
 * starts Node, the image sets NODE_VERSION (the official node images), or it is one of
 * loadrig's Node images. A wrong guess costs nothing: NODE_OPTIONS is read by Node only.
 */
export function imageRunsNode(
  image: string,
  config: ImageConfig,
  command: string[] | undefined,
): boolean {
  const repository = image.replace(/[:@][^/]*$/, '');
  return (
    argvRunsNode(config.Entrypoint) ||
    argvRunsNode(command ?? config.Cmd) ||
    (config.Env ?? []).some((e) => e.startsWith('NODE_VERSION=')) ||
    /(^|\/)(node|sample-api)([-_.]|$)/.test(repository)
  );
}

async function imageConfig(image: string): Promise<ImageConfig> {
  try {
    const info = await dockerClient().getImage(image).inspect();
    return info.Config as ImageConfig;
  } catch {
    return {};
  }
}

/**
 * loadrig's Node agent for a container target, prepared once and shared by every replica (the
 * collector tells their processes apart by connection). `metrics.agent` decides when set, else
 * whether the image runs Node. `nodeOptions` is what the containers get so far (the heap
 * limit, the spec's env), falling back to the image's own NODE_OPTIONS. Undefined when off or
 * when the agent has not been built.
 */
export async function prepareContainerAgent(
  spec: ContainerTargetSpec,
  image: string,
  nodeOptions: string | undefined,
): Promise<ContainerAgentPlan | undefined> {
  const config = await imageConfig(image);
  if (!(spec.metrics?.agent ?? imageRunsNode(image, config, spec.command))) return undefined;
  const agent = await prepareAgent(undefined);
  if (!agent) return undefined;
  const socketDir = dirname(agent.socketPath);
  // mkdtemp makes it 0700: a container user other than root could not reach the socket.
  // Connecting needs search permission here and write permission on the socket itself.
  await chmod(socketDir, 0o755).catch(async (err: unknown) => {
    await agent.cleanup();
    throw err;
  });
  const imageNodeOptions = (config.Env ?? [])
    .find((e) => e.startsWith('NODE_OPTIONS='))
    ?.slice('NODE_OPTIONS='.length);
  const { binds, env } = containerAgent(agent, nodeOptions ?? imageNodeOptions);
  return {
    binds,
    env,
    source: { kind: 'node-agent', socketPath: agent.socketPath, label: spec.name },
    socketDir,
  };
}
