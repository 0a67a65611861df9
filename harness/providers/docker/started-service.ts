import type { StartedTestContainer } from 'testcontainers';
import type { ContainerRole } from './container-labels.js';

/** One container loadrig started and will stop. */
export interface StartedService {
  service: string;
  role: ContainerRole;
  image: string;
  port: number;
  container: StartedTestContainer;
  cpus?: number;
  memoryLimitBytes?: number;
}

export function limitsOf(resources: { cpus?: number; memoryMb?: number } | undefined): {
  cpus?: number;
  memoryLimitBytes?: number;
} {
  return {
    ...(resources?.cpus !== undefined ? { cpus: resources.cpus } : {}),
    ...(resources?.memoryMb !== undefined
      ? { memoryLimitBytes: Math.ceil(resources.memoryMb * 1024 * 1024) }
      : {}),
  };
}
