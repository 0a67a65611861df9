import { existsSync, readFileSync } from 'node:fs';
import {
  RUN_SCHEMA_VERSION,
  type ClientBucket,
  type RunData,
  type RunMeta,
  type ServerSample,
} from '../../reports/model/run-data.js';
import { LoadrigError } from '../errors.js';
import { runFile } from './run-dir.js';

/** Loads a run directory back into RunData, for re-analysis and re-rendering. */
export function readRun(dir: string): RunData {
  const metaPath = runFile(dir, 'meta');
  if (!existsSync(metaPath)) {
    throw new LoadrigError(
      'E_RUN_DIR',
      `${dir} is not a run directory: ${metaPath} is missing`,
      'pass a directory under runs/ that holds run.json',
    );
  }
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as RunMeta;
  if (meta.schemaVersion !== RUN_SCHEMA_VERSION) {
    throw new LoadrigError(
      'E_RUN_DIR',
      `${metaPath} has schemaVersion ${meta.schemaVersion}; this loadrig reads version ${RUN_SCHEMA_VERSION}`,
      'use the loadrig version that wrote the run',
    );
  }
  return {
    meta,
    client: readNdjson<ClientBucket>(runFile(dir, 'client')),
    server: readNdjson<ServerSample>(runFile(dir, 'server')),
  };
}

/** Reads NDJSON, ignoring a torn last line left by a crash mid-write. */
function readNdjson<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  const out: T[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // Only the final line can be torn; anything after it would be a different write.
    }
  }
  return out;
}
