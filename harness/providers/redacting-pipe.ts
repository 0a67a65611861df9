import { writeSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { redactText } from '../../core/run-dir/redact.js';

// A line longer than this is written in pieces (each redacted on its own) rather than held.
const MAX_LINE_CHARS = 1024 * 1024;

export interface RedactingPipe {
  /** Settles when the stream has ended and every line is written. */
  readonly done: Promise<void>;
  /** Writes what is held (a last line without its newline); idempotent. */
  flush(): void;
}

/**
 * Copies a process's output to a file descriptor (the run's target.log) one line at a time,
 * each line through the run files' redaction rules, so a token the target prints never
 * reaches the run directory. Writes are synchronous: nothing is held but a partial line.
 */
export function pipeRedacted(input: Readable, fd: number): RedactingPipe {
  const decoder = new StringDecoder('utf8');
  let held = '';
  const write = (text: string): void => {
    try {
      writeSync(fd, redactText(text));
    } catch {
      // A full disk or a closed log must not stop the target or its guardian.
    }
  };
  const take = (text: string): void => {
    held += text;
    const end = held.lastIndexOf('\n');
    if (end >= 0) {
      write(held.slice(0, end + 1));
      held = held.slice(end + 1);
    }
    if (held.length > MAX_LINE_CHARS) {
      write(held);
      held = '';
    }
  };
  const flush = (): void => {
    const rest = held + decoder.end();
    held = '';
    if (rest !== '') write(rest);
  };
  const done = new Promise<void>((resolve) => {
    input.on('data', (chunk: Buffer) => take(decoder.write(chunk)));
    input.once('close', () => {
      flush();
      resolve();
    });
    input.on('error', () => undefined);
  });
  return { done, flush };
}
