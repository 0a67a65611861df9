import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../core/package-root.js';
import { target, type LocalTargetSpec } from '../target.js';

export interface SampleApiOptions {
  /** Extra environment, e.g. `{ SAMPLE_API_MODE: 'healthy', DELAY_MS: '50' }`. */
  env?: Record<string, string>;
  /** 0 (the default) picks a free port. */
  port?: number;
}

/** The compiled server: a sibling when running compiled, the build output when running sources. */
export function sampleApiServerPath(): string {
  return import.meta.url.endsWith('.js')
    ? fileURLToPath(new URL('./server.js', import.meta.url))
    : join(packageRoot(), 'dist', 'targets', 'sample-api', 'server.js');
}

/** loadrig's bundled demo target: a small Node http server with known behaviour. */
export function sampleApi(opts: SampleApiOptions = {}): LocalTargetSpec {
  return target({
    name: 'sample-api',
    command: [process.execPath, sampleApiServerPath()],
    env: opts.env ?? {},
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    health: { path: '/health', timeout: '15s', interval: '50ms' },
    stopGrace: '5s',
  });
}

export { SAMPLE_API_MODES, type SampleApiMode } from './config.js';
