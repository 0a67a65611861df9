import type { StartedTestContainer, WaitStrategy } from 'testcontainers';
import type { ContainerResources } from '../../../targets/dependencies/dependency.js';
import { LoadrigError, TargetError } from '../../../core/errors.js';
import { containerName, labelsFor, type ContainerIdentity } from './container-labels.js';
import { LoadrigContainer } from './loadrig-container.js';
import type { LogSink } from './log-sink.js';

export interface ContainerPlan {
  identity: ContainerIdentity;
  image: string;
  command?: string[];
  env: Record<string, string>;
  resources?: ContainerResources;
  wait: WaitStrategy;
  startupTimeoutMs: number;
  /** Files written into the container before it starts (an nginx config, say). */
  files?: { content: string; target: string }[];
  binds?: { source: string; target: string; readOnly?: boolean }[];
  /**
   * Bridge mode: the run's network, and the port the service listens on inside the container,
   * published on 127.0.0.1:identity.port. Without it: host networking on identity.port.
   */
  network?: { name: string; containerPort: number };
  /** The run's interrupt: an interrupted start rethrows its reason, not a start-up error. */
  signal?: AbortSignal;
}

// loadrig checks for (and pulls) images itself, so a missing one gets a clear error.
const NEVER_PULL = { shouldPull: (): boolean => false };

/**
 * Starts one labelled container with host networking (or on the run's bridge network) and its limits, sends its output to the
 * log sink, and waits for its readiness strategy. testcontainers removes a container that never
 * got ready; errors name the service, the image and what failed.
 */
export async function startContainer(
  plan: ContainerPlan,
  logs: LogSink,
): Promise<StartedTestContainer> {
  const { identity } = plan;
  const base = new LoadrigContainer(plan.image).withInit();
  let definition = (
    plan.network
      ? base
          .withNetworkMode(plan.network.name)
          .withLoopbackPort(plan.network.containerPort, identity.port)
      : base.withNetworkMode('host')
  )
    .withName(containerName(identity.runId, identity.service))
    .withLabels(labelsFor(identity))
    .withEnvironment(plan.env)
    .withPullPolicy(NEVER_PULL)
    .withWaitStrategy(plan.wait)
    .withStartupTimeout(plan.startupTimeoutMs)
    .withLogConsumer((stream) => logs.attach(identity.service, stream));
  if (plan.command) definition = definition.withCommand(plan.command);
  if (plan.resources) {
    definition = definition.withResourcesQuota({
      ...(plan.resources.memoryMb !== undefined ? { memory: plan.resources.memoryMb / 1024 } : {}),
      ...(plan.resources.cpus !== undefined ? { cpu: plan.resources.cpus } : {}),
    });
  }
  if (plan.files?.length) definition = definition.withCopyContentToContainer(plan.files);
  if (plan.binds?.length) {
    definition = definition.withBindMounts(
      plan.binds.map(({ source, target, readOnly }) => ({
        source,
        target,
        mode: readOnly ? ('ro' as const) : ('rw' as const),
      })),
    );
  }
  try {
    return await definition.start();
  } catch (err) {
    if (plan.signal?.aborted) throw plan.signal.reason;
    if (err instanceof LoadrigError) throw err;
    const message = (err as Error).message ?? String(err);
    const notReady = /Log message|not received|timed out|timeout/i.test(message);
    throw new TargetError(
      notReady ? 'E_TARGET_UNHEALTHY' : 'E_TARGET_START',
      `container "${identity.service}" (image ${plan.image}) ${notReady ? 'never became ready' : 'could not be started'}: ${message.split('\n')[0]}`,
      `see its log: ${logs.file}`,
      { cause: err },
    );
  }
}
