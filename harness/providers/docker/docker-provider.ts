import { removeTempDir } from '../../temp/temp-dirs.js';
import { basename, dirname } from 'node:path';
import type { ContainerTargetSpec } from '../../../targets/container-target.js';
import type { TargetSpec } from '../../../targets/target.js';
import { TargetError } from '../../../core/errors.js';
import type { ProvisionContext, Provider, RunningTarget } from '../provider.js';
import { PortAllocator } from './allocate-ports.js';
import { assertDockerAvailable, configureTestcontainers } from './docker-client.js';
import { prepareContainerAgent } from './container-agent.js';
import { DockerRunningTarget } from './docker-running-target.js';
import { ensureImage, imageFor } from './ensure-image.js';
import { DEFAULT_NGINX_IMAGE, startLoadBalancer } from './load-balancer.js';
import { LogSink } from './log-sink.js';
import { nodeHeapEnv } from './node-heap.js';
import { removeRun } from './remove-containers.js';
import { createRunNetwork, removeRunNetworks, type BridgeNetwork } from './run-network.js';
import { startDependency } from './start-dependency.js';
import { startReplicas, type Replica } from './start-replicas.js';
import type { StartedService } from './started-service.js';
import { metricSourcesOf, targetDetails } from './target-details.js';

/** What a start leaves to clean up if it fails half-way. */
interface Progress {
  started: StartedService[];
  /** Host directories of the run (the agent's socket, the balancer's log), removed at the end. */
  scratchDirs: string[];
}

/**
 * Runs a target as containers: dependencies first (each ready, their URLs injected), then the
 * replicas with their limits, then nginx in front when there is more than one. Host networking
 * by default, each service on its own 127.0.0.1 port; or the run's own bridge network with
 * ports published on 127.0.0.1. Whatever fails or is interrupted, nothing is left.
 */
export class DockerProvider implements Provider {
  async start(spec: TargetSpec, ctx: ProvisionContext): Promise<RunningTarget> {
    if (spec.kind !== 'docker') {
      throw new TargetError(
        'E_TARGET_INVALID',
        `the docker provider cannot start target "${spec.name}" of kind "${spec.kind}"`,
        'pick the provider with providerFor(spec)',
      );
    }
    ctx.signal?.throwIfAborted();
    configureTestcontainers();
    await assertDockerAvailable();
    // The run directory's name is the run id every container is labelled with.
    const runId = basename(dirname(ctx.logFile));
    const logs = new LogSink(ctx.logFile);
    const progress: Progress = { started: [], scratchDirs: [] };
    try {
      return await this.#startAll(spec, ctx, runId, logs, progress);
    } catch (err) {
      await Promise.all(
        progress.started.map((s) =>
          s.container
            .stop({ timeout: 0, remove: true, removeVolumes: true })
            .catch(() => undefined),
        ),
      );
      await removeRun(runId);
      await removeRunNetworks(runId);
      await logs.close();
      for (const dir of progress.scratchDirs) await removeTempDir(dir);
      throw err;
    }
  }

  async #startAll(
    spec: ContainerTargetSpec,
    ctx: ProvisionContext,
    runId: string,
    logs: LogSink,
    progress: Progress,
  ): Promise<RunningTarget> {
    const checkpoint = (): void => ctx.signal?.throwIfAborted();
    const signalOpt = ctx.signal ? { signal: ctx.signal } : {};
    const ports = new PortAllocator();
    const frontPort = await ports.take(spec.name, spec.port);
    const depPorts: number[] = [];
    for (const dep of spec.dependencies) depPorts.push(await ports.take(dep.name, dep.port));
    const replicas: Replica[] = [];
    if (spec.replicas === 1) replicas.push({ service: spec.name, port: frontPort });
    for (let i = 1; spec.replicas > 1 && i <= spec.replicas; i++) {
      replicas.push({ service: `${spec.name}-${i}`, port: await ports.take(spec.name, 0) });
    }

    // Every image first, so a missing one fails before anything runs.
    const depImages: string[] = [];
    for (const dep of spec.dependencies) depImages.push(await ensureImage(dep.image, dep.name));
    const lbImage =
      spec.replicas > 1 ? await ensureImage(DEFAULT_NGINX_IMAGE, `${spec.name}-lb`) : undefined;
    const image = await imageFor(spec.source, spec.name);
    checkpoint();

    const network: BridgeNetwork | undefined =
      spec.network === 'bridge' ? await createRunNetwork(runId) : undefined;
    const networkOpt = network ? { network } : {};
    const { started } = progress;
    const deps = await Promise.all(
      spec.dependencies.map(async (dep, i) => {
        const s = await startDependency(dep, {
          port: depPorts[i] as number,
          image: depImages[i] as string,
          runId,
          logs,
          ...signalOpt,
          ...networkOpt,
        });
        started.push(s);
        return s;
      }),
    );
    checkpoint();

    const heap = nodeHeapEnv(spec);
    const env = {
      ...spec.env,
      ...Object.fromEntries(deps.map((d) => [d.urlEnv, d.url])),
      ...heap.env,
    };
    // One agent socket for every replica: the collector merges their processes as one target.
    const agent = await prepareContainerAgent(spec, image, env['NODE_OPTIONS']);
    if (agent) progress.scratchDirs.push(agent.socketDir);
    checkpoint();
    const addresses = await startReplicas({
      spec,
      image,
      replicas,
      env: { ...env, ...agent?.env },
      ...(agent ? { binds: agent.binds } : {}),
      runId,
      logs,
      started,
      ...signalOpt,
      ...networkOpt,
    });
    checkpoint();

    const sources = [...(agent ? [agent.source] : []), ...metricSourcesOf(started, deps)];
    if (lbImage) {
      const lb = await startLoadBalancer({
        runId,
        targetName: spec.name,
        image: lbImage,
        port: frontPort,
        upstreams: replicas.map((r, i) => ({ service: r.service, address: addresses[i] ?? '' })),
        health: spec.health,
        logs,
        ...signalOpt,
        ...networkOpt,
      });
      progress.scratchDirs.push(lb.scratchDir);
      started.push(lb.service);
      sources.push(lb.metricSource, ...metricSourcesOf([lb.service], []));
      checkpoint();
    }
    return new DockerRunningTarget({
      name: spec.name,
      baseUrl: `http://127.0.0.1:${frontPort}`,
      runId,
      services: started,
      metricSources: sources,
      logs,
      stopGraceMs: spec.stopGraceMs,
      scratchDirs: progress.scratchDirs,
      details: targetDetails(spec, image, heap.heapLimitMb, started),
    });
  }
}
