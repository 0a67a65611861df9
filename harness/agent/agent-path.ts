import { fileURLToPath } from 'node:url';
import { distPath } from '../../core/package-root.js';

/** The compiled agent: a sibling when running compiled, the build output when running sources. */
export function agentScriptPath(): string {
  return import.meta.url.endsWith('.js')
    ? fileURLToPath(new URL('./node-agent.cjs', import.meta.url))
    : distPath('harness/agent/node-agent.cjs');
}
