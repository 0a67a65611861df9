import os from 'node:os';
import type { RunMeta } from '../../core/run-dir/run-data.js';

export function hostInfo(): RunMeta['host'] {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    platform: os.platform(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
  };
}
