import { closeSync, fstatSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { RunWriteError } from '../../core/errors.js';

/**
 * An NDJSON file appended one whole line at a time. A write that fails part-way (the disk
 * filled up during it) is cut back to the last whole line, so the file stays readable, and
 * every later append fails the same way: no line after a gap.
 */
export class LineFile {
  #size: number;
  #failed: RunWriteError | undefined;
  #closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly runDir: string | undefined,
  ) {
    this.#size = fstatSync(fd).size;
  }

  static open(path: string, runDir?: string): LineFile {
    try {
      return new LineFile(path, openSync(path, 'a'), runDir);
    } catch (e) {
      throw new RunWriteError(path, e, runDir);
    }
  }

  append(line: string): void {
    if (this.#failed) throw this.#failed;
    const bytes = Buffer.from(line + '\n');
    let written = 0;
    try {
      while (written < bytes.length) {
        written += writeSync(this.fd, bytes, written, bytes.length - written);
      }
    } catch (e) {
      if (written > 0) {
        try {
          ftruncateSync(this.fd, this.#size);
        } catch {
          // The torn line stays; readers forgive a torn last line.
        }
      }
      this.#failed = new RunWriteError(this.path, e, this.runDir);
      throw this.#failed;
    }
    this.#size += bytes.length;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.fd);
  }
}
