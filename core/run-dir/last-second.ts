import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { runFile } from './run-files.js';

const CHUNK_BYTES = 64 * 1024;
// A second of a run with thousands of series can be a long line; past this, give up.
const MAX_SCAN_BYTES = 32 * 1024 * 1024;

/**
 * The last whole second a series file holds (the `t` of its last complete line), read from the
 * end of the file so a day-long run costs one chunk; a torn last line (a crash mid-write) is
 * skipped. Undefined when the file is missing, empty or has no complete line.
 */
export function lastSecondOf(path: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    let data = '';
    for (let pos = size; pos > 0 && size - pos < MAX_SCAN_BYTES;) {
      const from = Math.max(0, pos - CHUNK_BYTES);
      const buffer = Buffer.alloc(pos - from);
      readSync(fd, buffer, 0, buffer.length, from);
      data = buffer.toString('latin1') + data;
      pos = from;
      // What follows the last newline is a torn line, never a whole second.
      const lastNewline = data.lastIndexOf('\n');
      if (lastNewline < 0) continue;
      const prior = data.lastIndexOf('\n', lastNewline - 1);
      if (prior >= 0 || pos === 0) return secondOf(data.slice(prior + 1, lastNewline));
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** `{"t":1796303855,...`: the writer puts `t` first; anything else is not a second. */
function secondOf(line: string): number | undefined {
  const match = /^\s*\{\s*"t"\s*:\s*(\d+)/.exec(line);
  return match ? Number(match[1]) : undefined;
}

/** The end (unix ms) of the last second a run directory recorded, client or server side. */
export function lastRecordedMs(dir: string): number | undefined {
  const seconds = [lastSecondOf(runFile(dir, 'client')), lastSecondOf(runFile(dir, 'server'))];
  const known = seconds.filter((t): t is number => t !== undefined);
  return known.length > 0 ? (Math.max(...known) + 1) * 1000 : undefined;
}
