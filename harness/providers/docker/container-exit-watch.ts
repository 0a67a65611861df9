import { setTimeout as sleep } from 'node:timers/promises';
import type Dockerode from 'dockerode';
import { TargetError } from '../../../core/errors.js';
import { logTail } from '../log-tail.js';

const POLL_MS = 250;
const LOG_SETTLE_MS = 200;

export interface ExitWatch {
  /** Rejects with a clear error if the container stops before `stop()` is called. */
  readonly exited: Promise<never>;
  stop(): void;
}

/** What a start-up error shows of a container's own output (its lines in the shared log). */
export async function serviceLogLines(logFile: string, service: string): Promise<string> {
  const prefix = `[${service}] `;
  const lines = (await logTail(logFile, 200, 64 * 1024)).filter((l) => l.startsWith(prefix));
  return lines.length > 0 ? `; its last lines:\n  ${lines.slice(-8).join('\n  ')}` : '';
}

/** Watches a starting container, so waiting for readiness stops as soon as it has exited. */
export function watchExit(
  container: Dockerode.Container,
  what: { service: string; image: string; logFile: string },
): ExitWatch {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const exited = new Promise<never>((_, reject) => {
    const poll = async (): Promise<void> => {
      if (stopped) return;
      try {
        const info = await container.inspect();
        if (!info.State.Running && !info.State.Restarting) {
          await sleep(LOG_SETTLE_MS); // its last words are still on their way to the log
          const lines = await serviceLogLines(what.logFile, what.service);
          reject(
            new TargetError(
              'E_TARGET_START',
              `container "${what.service}" (image ${what.image}) exited with code ${info.State.ExitCode} before it was ready${lines}`,
              `see its whole log: ${what.logFile}`,
            ),
          );
          return;
        }
      } catch {
        // removed under us, or the daemon is busy: the readiness deadline still applies
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), POLL_MS);
  });
  exited.catch(() => undefined);
  return {
    exited,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
