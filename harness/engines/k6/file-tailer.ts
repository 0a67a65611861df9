import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Follows a file another process appends to (k6's `--out json`), handing out complete lines
 * as they arrive: the output is streamed into the run, never buffered until the end.
 */
export class FileTailer {
  private fd: number | undefined;
  private position = 0;
  private partial = '';
  private readonly chunk = Buffer.alloc(1 << 20);
  /** Keeps a multi-byte character split across two reads whole. */
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly path: string) {}

  /** Reads what was appended since the last call; returns the complete lines. */
  read(): string[] {
    if (this.fd === undefined) {
      if (!existsSync(this.path)) return [];
      this.fd = openSync(this.path, 'r');
    }
    const lines: string[] = [];
    for (;;) {
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, this.position);
      if (n === 0) break;
      this.position += n;
      const text = this.partial + this.decoder.write(this.chunk.subarray(0, n));
      const parts = text.split('\n');
      this.partial = parts.pop() ?? '';
      lines.push(...parts);
    }
    return lines;
  }

  /** The last line too, even without its newline (the writer has exited). */
  finish(): string[] {
    const lines = this.read();
    if (this.partial !== '') lines.push(this.partial);
    this.partial = '';
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    return lines;
  }
}
