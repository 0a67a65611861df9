import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ContainerTargetSpec } from '../../../targets/container-target.js';
import type { TargetSpec } from '../../../targets/target.js';
import type { MetricSource } from '../../collectors/metric-source.js';
import { TargetError } from '../../errors.js';
import type { ProvisionContext, Provider, RunningTarget } from '../provider.js';
import { PortAllocator } from './allocate-ports.js';
import { assertDockerAvailable, configureTestcontainers } from './docker-client.js';
import { DockerRunningTarget } from './docker-running-target.js';
import { ensureImage, imageFor } from './ensure-image.js';
import { DEFAULT_NGINX_IMAGE, startLoadBalancer } from './load-balancer.js';
import { LogSink } from './log-sink.js';
import { nodeHeapEnv } from './node-heap.js';
import { removeRun } from './remove-containers.js';
import { startContainer } from './start-container.js';
import { startDependency } from './start-dependency.js';
import { limitsOf, type StartedService } from './started-service.js';
import { targetWaitStrategy } from './target-wait-strategy.js';

/**
 * Runs a target as containers: dependencies first (each ready, their URLs injected), then the
 * replicas with their limits, then nginx in front when there is more than one. Host networking,
 * each service on its own 127.0.0.1 port. Whatever fails or is interrupted, nothing is left.
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
    if (spec.network === 'bridge') {
      throw new TargetError(
        'E_TARGET_INVALID',
        `target "${spec.name}" asks for bridge networking, which this version does not start yet`,
        "use network: 'host' (the default)",
      );
    }
    ctx.signal?.throwIfAborted();
    configureTestcontainers();
    await assertDockerAvailable();
    // The run directory's name is the run id every container is labelled with.
    const runId = basename(dirname(ctx.logFile));
    const logs = new LogSink(ctx.logFile);
    const started: StartedService[] = [];
    let scratchDir: string | undefined;
    try {
      const result = await this.#startAll(
        spec,
        ctx,
        runId,
        logs,
        started,
        (dir) => (scratchDir = dir),
      );
      return result;
    } catch (err) {
      await Promise.all(
        started.map((s) =>
          s.container
            .stop({ timeout: 0, remove: true, removeVolumes: true })
            .catch(() => undefined),
        ),
      );
      await removeRun(runId);
      await logs.close();
      if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
      throw err;
    }
  }

  async #startAll(
    spec: ContainerTargetSpec,
    ctx: ProvisionContext,
    runId: string,
    logs: LogSink,
    started: StartedService[],
    onScratchDir: (dir: string) => void,
  ): Promise<RunningTarget> {
    const checkpoint = (): void => ctx.signal?.throwIfAborted();
    const signalOpt = ctx.signal ? { signal: ctx.signal } : {};
    const ports = new PortAllocator();
    const frontPort = await ports.take(spec.name, spec.port);
    const depPorts: number[] = [];
    for (const dep of spec.dependencies) depPorts.push(await ports.take(dep.name, dep.port));
    const replicaPorts: number[] = [];
    if (spec.replicas > 1)
      for (let i = 0; i < spec.replicas; i++) replicaPorts.push(await ports.take(spec.name, 0));
    else replicaPorts.push(frontPort);

    // Every image first, so a missing one fails before anything runs.
    const depImages: string[] = [];
    for (const dep of spec.dependencies) depImages.push(await ensureImage(dep.image, dep.name));
    const lbImage =
      spec.replicas > 1 ? await ensureImage(DEFAULT_NGINX_IMAGE, `${spec.name}-lb`) : undefined;
    const image = await imageFor(spec.source, spec.name);
    checkpoint();

    const deps = await Promise.all(
      spec.dependencies.map(async (dep, i) => {
        const s = await startDependency(
          dep,
          depPorts[i] as number,
          depImages[i] as string,
          runId,
          logs,
          ctx.signal,
        );
        started.push(s);
        return s;
      }),
    );
    checkpoint();

    const heap = nodeHeapEnv(spec);
    const baseEnv = {
      ...spec.env,
      ...Object.fromEntries(deps.map((d) => [d.urlEnv, d.url])),
      ...heap.env,
      HOST: '127.0.0.1',
    };
    const replicas = replicaPorts.map((port, i) => ({
      service: spec.replicas > 1 ? `${spec.name}-${i + 1}` : spec.name,
      port,
    }));
    await Promise.all(
      replicas.map(async ({ service, port }) => {
        const container = await startContainer(
          {
            identity: { runId, role: 'target', service, port },
            image,
            ...(spec.command ? { command: spec.command } : {}),
            env: { ...baseEnv, PORT: String(port) },
            ...(spec.resources ? { resources: spec.resources } : {}),
            wait: targetWaitStrategy(spec.health, {
              service,
              image,
              port,
              logFile: logs.file,
              ...signalOpt,
            }),
            startupTimeoutMs: spec.health.timeoutMs,
            ...signalOpt,
          },
          logs,
        );
        started.push({
          service,
          role: 'target',
          image,
          port,
          container,
          ...limitsOf(spec.resources),
        });
      }),
    );
    checkpoint();

    // The dependencies' own statistics (pg_stat_*, Redis INFO) next to their containers' stats.
    const sources: MetricSource[] = deps.map((d) =>
      d.url.startsWith('postgres:')
        ? { kind: 'postgres', connectionString: d.url, label: d.service }
        : { kind: 'redis', url: d.url, label: d.service },
    );
    let lbScratch: string | undefined;
    if (lbImage) {
      const lb = await startLoadBalancer({
        runId,
        targetName: spec.name,
        image: lbImage,
        port: frontPort,
        replicas,
        health: spec.health,
        logs,
        ...signalOpt,
      });
      lbScratch = lb.scratchDir;
      onScratchDir(lb.scratchDir);
      started.push(lb.service);
      sources.push(lb.metricSource);
      checkpoint();
    }
    for (const s of started) {
      const { cpus, memoryLimitBytes } = s;
      sources.push({
        kind: 'docker',
        containerId: s.container.getId(),
        label: s.service,
        ...(cpus !== undefined ? { cpus } : {}),
        ...(memoryLimitBytes !== undefined ? { memoryLimitBytes } : {}),
      });
    }
    return new DockerRunningTarget({
      name: spec.name,
      baseUrl: `http://127.0.0.1:${frontPort}`,
      runId,
      services: started,
      metricSources: sources,
      logs,
      stopGraceMs: spec.stopGraceMs,
      ...(lbScratch ? { scratchDir: lbScratch } : {}),
      details: {
        image,
        replicas: spec.replicas,
        ...(spec.resources
          ? {
              resources: {
                ...spec.resources,
                ...(heap.heapLimitMb !== undefined ? { nodeHeapLimitMb: heap.heapLimitMb } : {}),
              },
            }
          : {}),
        containers: started.map((s) => ({
          service: s.service,
          role: s.role,
          image: s.image,
          port: s.port,
          id: s.container.getId(),
          ...(s.cpus !== undefined ? { cpus: s.cpus } : {}),
          ...(s.memoryLimitBytes !== undefined
            ? { memoryMb: s.memoryLimitBytes / 1024 / 1024 }
            : {}),
        })),
      },
    });
  }
}
