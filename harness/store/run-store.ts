import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { redactDeep } from '../../core/run-dir/redact.js';
import type { ClientBucket, RunMeta, ServerSample } from '../../core/run-dir/run-data.js';
import { RunWriteError } from '../../core/errors.js';
import { runFile, runId } from '../../core/run-dir/run-files.js';
import { encodeSecond, type Second } from '../../core/series/second.js';
import { LineFile } from './line-file.js';
import { TagRedactor } from './tag-redactor.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * The run directory, written as the run goes: run.json at once (status "running"), one NDJSON
 * line per second appended and flushed to the OS, so a crash loses at most the open second.
 * A write that fails (disk full, read-only) throws a RunWriteError naming the file and leaves
 * every file readable: a line is written whole or not at all, run.json is replaced atomically.
 */
export class RunStore {
  readonly dir: string;
  private readonly client: LineFile;
  private readonly server: LineFile;
  private closed = false;
  private readonly tags: TagRedactor;

  private constructor(dir: string, tags = new TagRedactor()) {
    this.tags = tags;
    this.dir = dir;
    this.client = LineFile.open(runFile(dir, 'client'), dir);
    try {
      this.server = LineFile.open(runFile(dir, 'server'), dir);
    } catch (e) {
      this.client.close();
      throw e;
    }
  }

  /** `tags` redacts the tags of the series written (tests pass one that counts). */
  static create(
    outDir: string,
    meta: Omit<RunMeta, 'id'>,
    tags?: TagRedactor,
  ): { store: RunStore; meta: RunMeta } {
    const base = runId(new Date(meta.startedAt), meta.scenario.name);
    let id = base;
    for (let n = 2; existsSync(join(outDir, id)); n++) id = `${base}-${n}`;
    const dir = join(outDir, id);
    makeDirs(dir);
    const full: RunMeta = { ...meta, id };
    const store = new RunStore(dir, tags);
    try {
      store.writeMeta(full);
    } catch (e) {
      store.close();
      throw e;
    }
    return { store, meta: full };
  }

  /**
   * The second the aggregator closed, encoded here and only here (the one pass from decoded
   * histograms to the line of client.ndjson), with its tags redacted.
   */
  appendSecond(second: Second): ClientBucket | undefined {
    return this.closed ? undefined : this.writeClient(encodeSecond(second, this.tags.redact));
  }

  /** A second already encoded (an imported k6 run), its tags redacted. */
  appendClient(bucket: ClientBucket): ClientBucket | undefined {
    if (this.closed) return undefined;
    const metrics: ClientBucket['metrics'] = {};
    for (const [name, series] of Object.entries(bucket.metrics)) {
      metrics[name] = series.map((s) => ({ ...s, tags: this.tags.redact(s.tags) }));
    }
    return this.writeClient({ ...bucket, metrics });
  }

  /** Writes one line of client.ndjson and returns what it wrote. */
  private writeClient(bucket: ClientBucket): ClientBucket {
    this.client.append(JSON.stringify(bucket));
    return bucket;
  }

  appendServer(sample: ServerSample): void {
    if (!this.closed) this.server.append(JSON.stringify(sample));
  }

  /**
   * Atomic replace, so a reader never sees half a run.json. Secrets are redacted first, unless
   * the caller says it has already done so (finishRun shows the same redacted meta in reports).
   */
  writeMeta(meta: RunMeta, opts: { redacted?: boolean } = {}): void {
    const safe = opts.redacted === true ? meta : redactDeep(meta);
    this.writeFile('meta', JSON.stringify(safe, null, 2) + '\n');
  }

  /** A report output (`junit.xml`, `summary.md`...) in the run directory, replaced atomically. */
  writeOutput(fileName: string, content: string): string {
    return this.writeAt(join(this.dir, fileName), content);
  }

  writeFile(file: 'meta' | 'summary' | 'report', content: string): string {
    return this.writeAt(runFile(this.dir, file), content);
  }

  private writeAt(path: string, content: string): string {
    return writeFileAtomic(path, content, this.dir);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.close();
    this.server.close();
  }
}

/**
 * `mkdir -p`, one level at a time, so a failure names the folder that could not be made and
 * why (a recursive mkdir on a read-only file system says ENOENT for the leaf instead).
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  for (let p = dir; !existsSync(p); p = dirname(p)) {
    missing.unshift(p);
    if (dirname(p) === p) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new RunWriteError(path, e);
    }
  }
}
