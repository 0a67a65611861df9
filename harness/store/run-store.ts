import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { redactDeep, redactTags } from '../../core/run-dir/redact.js';
import type { ClientBucket, RunMeta, ServerSample } from '../../core/run-dir/run-data.js';
import { LoadrigError } from '../../core/errors.js';
import { runFile, runId } from '../../core/run-dir/run-files.js';

/**
 * The run directory, written as the run goes: run.json at once (status "running"), one NDJSON
 * line per second appended and flushed to the OS, so a crash loses at most the open second.
 */
export class RunStore {
  readonly dir: string;
  private readonly clientFd: number;
  private readonly serverFd: number;
  private closed = false;

  private constructor(dir: string) {
    this.dir = dir;
    this.clientFd = openSync(runFile(dir, 'client'), 'a');
    this.serverFd = openSync(runFile(dir, 'server'), 'a');
  }

  static create(outDir: string, meta: Omit<RunMeta, 'id'>): { store: RunStore; meta: RunMeta } {
    const base = runId(new Date(meta.startedAt), meta.scenario.name);
    let id = base;
    for (let n = 2; existsSync(join(outDir, id)); n++) id = `${base}-${n}`;
    const dir = join(outDir, id);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new LoadrigError(
        'E_RUN_DIR',
        `cannot create run directory ${dir}: ${(e as Error).message}`,
        'choose a writable directory with --out <dir>',
      );
    }
    const full: RunMeta = { ...meta, id };
    const store = new RunStore(dir);
    store.writeMeta(full);
    return { store, meta: full };
  }

  appendClient(bucket: ClientBucket): void {
    if (!this.closed) writeSync(this.clientFd, JSON.stringify(redactBucket(bucket)) + '\n');
  }

  appendServer(sample: ServerSample): void {
    if (!this.closed) writeSync(this.serverFd, JSON.stringify(sample) + '\n');
  }

  /** Atomic replace, so a reader never sees half a run.json. Secrets are redacted first. */
  writeMeta(meta: RunMeta): void {
    this.writeFile('meta', JSON.stringify(redactDeep(meta), null, 2) + '\n');
  }

  /** A report output (`junit.xml`, `summary.md`...) in the run directory, replaced atomically. */
  writeOutput(fileName: string, content: string): string {
    return this.writeAt(join(this.dir, fileName), content);
  }

  writeFile(file: 'meta' | 'summary' | 'report', content: string): string {
    return this.writeAt(runFile(this.dir, file), content);
  }

  private writeAt(path: string, content: string): string {
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, path);
    return path;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.clientFd);
    closeSync(this.serverFd);
  }
}

/** Tag values are user strings (a request name may carry a query token): redact before writing. */
function redactBucket(bucket: ClientBucket): ClientBucket {
  const metrics: ClientBucket['metrics'] = {};
  for (const [name, series] of Object.entries(bucket.metrics)) {
    metrics[name] = series.map((s) => ({ ...s, tags: redactTags(s.tags) }));
  }
  return { ...bucket, metrics };
}
