import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pipeRedacted } from '../../../harness/providers/redacting-pipe.js';
import { useTempDirs } from '../../helpers/temp-dirs.js';

const tempDir = useTempDirs();

/** Feeds `chunks` through the pipe into a file; returns what the file holds. */
async function through(chunks: (string | Buffer)[]): Promise<string> {
  const file = join(tempDir('loadrig-pipe-'), 'target.log');
  const fd = openSync(file, 'a');
  try {
    const input = new PassThrough();
    const pipe = pipeRedacted(input, fd);
    for (const c of chunks) input.write(c);
    input.end();
    await pipe.done;
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, 'utf8');
}

describe('pipeRedacted (target.log of a local target)', () => {
  it('redacts each line with the run files’ rules', async () => {
    expect(await through(['API_KEY=k1 ok\nurl https://u:p4ss@h/x\n'])).toBe(
      'API_KEY=[REDACTED] ok\nurl https://u:[REDACTED]@h/x\n',
    );
  });

  it('holds a line until its newline, so a secret split between two reads is still caught', async () => {
    expect(await through(['start SESSION_TO', 'KEN=abc', 'def end\nnext\n'])).toBe(
      'start SESSION_TOKEN=[REDACTED] end\nnext\n',
    );
  });

  it('writes the last line even without a newline, and keeps characters split between reads', async () => {
    const bytes = Buffer.from('héllo wörld secret=zz');
    expect(await through([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toBe(
      'héllo wörld secret=[REDACTED]',
    );
  });

  it('passes text without secrets through unchanged, blank lines and CRLF included', async () => {
    const text = 'GET /fast 200 1.2ms\r\n\n  indented: yes\n';
    expect(await through([text])).toBe(text);
  });
});
