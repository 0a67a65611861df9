import { join } from 'node:path';

export const RUN_FILES = {
  meta: 'run.json',
  client: 'client.ndjson',
  server: 'server.ndjson',
  summary: 'summary.json',
  targetLog: 'target.log',
  report: 'report.html',
  /** The run's steady-state figures for history (schema/digest.ts), written when it ends. */
  digest: 'digest.json',
} as const;

export function runFile(dir: string, file: keyof typeof RUN_FILES): string {
  return join(dir, RUN_FILES[file]);
}

/** `20261123T081500Z-checkout-flow`: sortable, filesystem-safe, unique per second and scenario. */
export function runId(startedAt: Date, scenarioName: string): string {
  const stamp = startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const slug = scenarioName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stamp}-${slug || 'scenario'}`;
}
