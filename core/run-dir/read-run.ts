import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { RunDirError, type ErrorIssue } from '../errors.js';
import { migrateV1 } from './migrate-v1.js';
import type { RunData } from './run-data.js';
import { runFile } from './run-files.js';
import { RUN_SCHEMA_VERSION, runMetaSchema, type RunMeta } from './schema/run-meta.js';
import {
  clientBucketSchema,
  isUnixSecond,
  serverSampleSchema,
  type ClientBucket,
  type ServerSample,
} from './schema/series.js';

/** Schema versions this loadrig reads: older ones are migrated on read, never rewritten. */
export const READABLE_SCHEMA_VERSIONS = [1, RUN_SCHEMA_VERSION] as const;

/**
 * Loads a run directory back into RunData, for re-analysis, comparison and history. Every file
 * is validated against the run format; a problem names the file, the line, the path and what
 * was expected. A torn last line (a crash mid-write) is dropped, as the format allows.
 */
export function readRun(dir: string): RunData {
  const metaPath = runFile(dir, 'meta');
  if (!existsSync(metaPath)) {
    throw new RunDirError(
      dir,
      `${dir} is not a run directory: ${metaPath} is missing`,
      'pass a directory under runs/ that holds run.json',
    );
  }
  const raw = parseJsonFile(metaPath);
  const client = readNdjson(runFile(dir, 'client'), clientBucketSchema, isClientBucket);
  const server = readNdjson(runFile(dir, 'server'), serverSampleSchema, isServerSample);
  return { meta: parseMeta(raw, metaPath, client), client, server };
}

/** run.json's content as schema 2, validated (a schema-1 file is migrated first). */
export function parseMeta(
  raw: unknown,
  metaPath: string,
  client: readonly ClientBucket[],
): RunMeta {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (!READABLE_SCHEMA_VERSIONS.includes(version as 1 | 2)) {
    throw new RunDirError(
      metaPath,
      `${metaPath} has schemaVersion ${JSON.stringify(version)}; this loadrig reads version ${READABLE_SCHEMA_VERSIONS.join(' or ')}`,
      'use the loadrig version that wrote the run, or a newer one',
      { code: 'E_RUN_DATA' },
    );
  }
  const current = version === 1 ? migrateV1(raw as Record<string, unknown>, client) : raw;
  const parsed = runMetaSchema.safeParse(current);
  if (!parsed.success) throw invalid(metaPath, undefined, parsed.error);
  return parsed.data;
}

function parseJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RunDirError(
      path,
      `${path} is not valid JSON: ${(e as Error).message}`,
      'the file was edited or truncated; restore it from the run artifacts',
      { code: 'E_RUN_DATA' },
    );
  }
}

function invalid(path: string, line: number | undefined, error: z.ZodError): RunDirError {
  const issues: ErrorIssue[] = error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(root)',
    message: i.message,
  }));
  const where = line === undefined ? path : `${path} line ${line}`;
  return new RunDirError(
    path,
    `${where} does not follow the run format:\n${issues.map((i) => `  - ${i.path}: ${i.message}`).join('\n')}`,
    'see docs/run-format.md; a file edited by hand or written by another tool may break it',
    { code: 'E_RUN_DATA', issues },
  );
}

/**
 * Reads NDJSON, each line checked by a fast structural test; a line that fails it is
 * validated by the schema to say exactly what is wrong. Only a torn last line is forgiven.
 */
function readNdjson<T>(
  path: string,
  schema: z.ZodType<T>,
  looksValid: (value: unknown) => value is T,
): T[] {
  if (!existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').split('\n');
  while (lines.length > 0 && (lines.at(-1) as string).trim() === '') lines.pop();
  const out: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      if (i === lines.length - 1) break; // torn by a crash mid-write
      throw new RunDirError(
        path,
        `${path} line ${i + 1} is not valid JSON: ${(e as Error).message}`,
        'only the last line may be cut short (a crash); restore the file from the run artifacts',
        { code: 'E_RUN_DATA' },
      );
    }
    if (looksValid(value)) {
      out.push(value);
      continue;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw invalid(path, i + 1, parsed.error);
    out.push(parsed.data);
  }
  return out;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isStringRecord(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const k in v) if (typeof v[k] !== 'string') return false;
  return true;
}

function isSeries(s: unknown): boolean {
  if (!isObj(s) || !isStringRecord(s['tags'])) return false;
  switch (s['kind']) {
    case 'trend':
      return (
        isNum(s['count']) &&
        isNum(s['sum']) &&
        isNum(s['min']) &&
        isNum(s['max']) &&
        typeof s['hist'] === 'string' &&
        s['hist'].startsWith('HIST')
      );
    case 'counter':
      return isNum(s['value']);
    case 'rate':
      return isNum(s['passes']) && isNum(s['total']);
    case 'gauge':
      return isNum(s['value']) && isNum(s['min']) && isNum(s['max']);
    default:
      return false;
  }
}

/** The schema's rules for a client line, as plain checks: cheaper than the schema per line. */
function isClientBucket(v: unknown): v is ClientBucket {
  if (!isObj(v) || !isUnixSecond(v['t']) || !isNum(v['vus']) || !isObj(v['metrics'])) {
    return false;
  }
  for (const list of Object.values(v['metrics'])) {
    if (!Array.isArray(list)) return false;
    for (const s of list) if (!isSeries(s)) return false;
  }
  const p = v['percentiles'];
  if (p === undefined) return true;
  if (!isObj(p)) return false;
  for (const q of Object.values(p)) {
    if (!isObj(q)) return false;
    for (const k of ['count', 'p50', 'p90', 'p95', 'p99', 'max']) if (!isNum(q[k])) return false;
  }
  return true;
}

/** A server value of null (NaN or Infinity written by JSON.stringify) is a gap: dropped. */
function isServerSample(v: unknown): v is ServerSample {
  if (!isObj(v) || !isUnixSecond(v['t']) || !isObj(v['values'])) return false;
  const values = v['values'];
  for (const k in values) {
    if (values[k] === null) delete values[k];
    else if (typeof values[k] !== 'number') return false;
  }
  return true;
}
