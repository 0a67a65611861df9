import { createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { redactText } from '../../../core/run-dir/redact.js';

/**
 * Every container's output in one file (the run's target.log), each line prefixed `[service] `
 * and redacted as run files are: a token a container prints never reaches the run directory.
 */
export class LogSink {
  readonly #out: WriteStream;
  readonly #streams = new Set<Readable>();

  constructor(readonly file: string) {
    this.#out = createWriteStream(file, { flags: 'a' });
    this.#out.on('error', () => undefined); // a full disk must not fail the run
  }

  attach(service: string, stream: Readable): void {
    this.#streams.add(stream);
    stream.on('error', () => undefined);
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => this.#out.write(`[${service}] ${redactText(line)}\n`));
    stream.once('close', () => this.#streams.delete(stream));
  }

  note(service: string, text: string): void {
    this.#out.write(`[${service}] ${redactText(text)}\n`);
  }

  async close(): Promise<void> {
    for (const stream of this.#streams) stream.destroy();
    await new Promise<void>((resolve) => this.#out.end(resolve));
  }
}
