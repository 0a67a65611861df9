import { hostname } from 'node:os';

/** Labels on every container loadrig starts: what `loadrig ps` lists and `loadrig clean` removes. */
export const LABEL = {
  managed: 'dev.loadrig.managed',
  run: 'dev.loadrig.run',
  role: 'dev.loadrig.role',
  service: 'dev.loadrig.service',
  port: 'dev.loadrig.port',
  /** The loadrig process that owns it: a container whose owner is gone is a leftover. */
  ownerPid: 'dev.loadrig.owner-pid',
  ownerHost: 'dev.loadrig.owner-host',
} as const;

export type ContainerRole = 'target' | 'dependency' | 'load-balancer';

export interface ContainerIdentity {
  runId: string;
  role: ContainerRole | 'network';
  service: string;
  port: number;
}

export function labelsFor(id: ContainerIdentity): Record<string, string> {
  return {
    [LABEL.managed]: 'true',
    [LABEL.run]: id.runId,
    [LABEL.role]: id.role,
    [LABEL.service]: id.service,
    [LABEL.port]: String(id.port),
    [LABEL.ownerPid]: String(process.pid),
    [LABEL.ownerHost]: hostname(),
  };
}

/** A Docker container name: `loadrig-<run>-<service>`, in Docker's allowed characters. */
export function containerName(runId: string, service: string): string {
  return `loadrig-${runId}-${service}`.replace(/[^A-Za-z0-9_.-]/g, '-');
}
