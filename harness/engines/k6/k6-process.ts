import { spawn } from 'node:child_process';
import { FileTailer } from './file-tailer.js';

const POLL_MS = 200;

export interface K6ProcessExit {
  code: number | null;
  error?: Error;
  stderrTail: string;
}

/**
 * One k6 process: spawned with its JSON output going to `outFile`, which is followed while k6
 * runs so its samples reach `onLines` as they are written. SIGINT on interrupt, as a user's
 * Ctrl-C would, so k6 still writes its summary.
 */
export async function runK6Process(
  k6: string,
  args: string[],
  outFile: string,
  env: Record<string, string>,
  interrupt: AbortSignal,
  onLines: (lines: string[]) => void,
): Promise<K6ProcessExit> {
  const child = spawn(k6, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderrTail = '';
  child.stderr.on('data', (d: Buffer) => (stderrTail = (stderrTail + d.toString()).slice(-4000)));
  const onInterrupt = (): void => void child.kill('SIGINT');
  interrupt.addEventListener('abort', onInterrupt, { once: true });
  const tailer = new FileTailer(outFile);
  const poll = setInterval(() => onLines(tailer.read()), POLL_MS);
  try {
    const exit = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.on('error', (error) => resolve({ code: null, error }));
      child.on('close', (code) => resolve({ code }));
    });
    return { ...exit, stderrTail };
  } finally {
    clearInterval(poll);
    interrupt.removeEventListener('abort', onInterrupt);
    onLines(tailer.finish());
  }
}
