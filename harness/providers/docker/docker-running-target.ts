import { removeTempDir } from '../../temp/temp-dirs.js';
import type { MetricSource } from '../../collectors/metric-source.js';
import type { RunningTarget, TargetDetails, TargetExit } from '../provider.js';
import { dockerClient } from './docker-client.js';
import type { LogSink } from './log-sink.js';
import { removeRun } from './remove-containers.js';
import { removeRunNetworks } from './run-network.js';
import type { StartedService } from './started-service.js';

export interface DockerTargetParts {
  name: string;
  baseUrl: string;
  runId: string;
  /** In start order: dependencies, replicas, then the load balancer. */
  services: StartedService[];
  metricSources: MetricSource[];
  logs: LogSink;
  stopGraceMs: number;
  /** Host directories of the run (the agent's socket, the balancer's log), removed on stop. */
  scratchDirs: string[];
  /** What run.json records about the containers. */
  details: TargetDetails;
}

const DEPENDENCY_GRACE_MS = 2_000;

/** The containers of one run; stop() removes them all, front first, dependencies last. */
export class DockerRunningTarget implements RunningTarget {
  readonly name: string;
  readonly baseUrl: string;
  readonly metricSources: MetricSource[];
  readonly exited: Promise<TargetExit>;
  readonly details: TargetDetails;
  #stopping: Promise<void> | undefined;

  constructor(private readonly parts: DockerTargetParts) {
    this.name = parts.name;
    this.baseUrl = parts.baseUrl;
    this.metricSources = parts.metricSources;
    this.details = parts.details;
    this.exited = new Promise((resolve) => {
      // Any of them exiting ends the run: a target without its database is no target.
      for (const s of parts.services) {
        const container = dockerClient().getContainer(s.container.getId());
        container
          .wait()
          .then(async (result: { StatusCode?: number }) => {
            if (this.#stopping) return;
            // 137 alone could be anyone's SIGKILL; Docker knows whether it was the memory limit.
            const oom = await container
              .inspect()
              .then((info) => info.State.OOMKilled)
              .catch(() => false);
            const limit = s.memoryLimitBytes ? ` of ${s.memoryLimitBytes / 2 ** 20} MB` : '';
            parts.logs.note(
              s.service,
              `loadrig: container exited with code ${result.StatusCode ?? '?'}${oom ? ` (killed: out of memory, limit${limit})` : ''}`,
            );
            resolve({ code: result.StatusCode ?? null, signal: oom ? 'OOMKilled' : null });
          })
          .catch(() => undefined);
      }
    });
  }

  get services(): readonly StartedService[] {
    return this.parts.services;
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    const { services, stopGraceMs } = this.parts;
    const front = services.filter((s) => s.role !== 'dependency');
    const deps = services.filter((s) => s.role === 'dependency');
    const stopAll = (list: StartedService[], timeout: number): Promise<unknown> =>
      Promise.all(
        list.map((s) =>
          s.container.stop({ timeout, remove: true, removeVolumes: true }).catch(() => undefined),
        ),
      );
    await stopAll(front, stopGraceMs);
    // Nothing uses them any more, and their data is thrown away: no need to wait long.
    await stopAll(deps, Math.min(stopGraceMs, DEPENDENCY_GRACE_MS));
    await removeRun(this.parts.runId);
    await removeRunNetworks(this.parts.runId);
    await this.parts.logs.close();
    for (const dir of this.parts.scratchDirs) await removeTempDir(dir);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
