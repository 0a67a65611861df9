import type { ClientBucket, ServerSample } from './schema/series.js';
import type { RunMeta } from './schema/run-meta.js';

/**
 * The run directory's data, as the harness writes it and analysis reads it. The zod schemas in
 * schema/ are the one source of truth: every type here is inferred from them, and reading a
 * run validates against them (read-run.ts).
 */
export type * from './schema/series.js';
export type * from './schema/run-meta.js';
export type * from './schema/profile.js';
export type * from './schema/executors.js';
export { RUN_SCHEMA_VERSION } from './schema/run-meta.js';

export interface RunData {
  meta: RunMeta;
  client: ClientBucket[];
  server: ServerSample[];
}
