import { open } from 'node:fs/promises';

/** The last `maxLines` lines of a log file, read from its last `maxBytes` only; [] if unreadable. */
export async function logTail(file: string, maxLines = 12, maxBytes = 8192): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    if (start > 0) lines.shift(); // cut mid-line
    return lines.filter((line) => line.trim() !== '').slice(-maxLines);
  } catch {
    return [];
  } finally {
    await handle?.close();
  }
}
