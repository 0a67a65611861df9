import { abortableSleep } from './abortable-sleep.js';

/**
 * Lets in-flight work finish for up to `graceMs` (not at all once `interrupt` fired), then runs
 * `hardStop` and waits for what is left.
 */
export async function gracefulStop(
  pending: Promise<unknown>,
  graceMs: number,
  interrupt: AbortSignal,
  hardStop: () => Promise<void>,
): Promise<void> {
  const settled = new AbortController();
  const onInterrupt = (): void => settled.abort();
  interrupt.addEventListener('abort', onInterrupt, { once: true });
  let finished = false;
  const done = pending.then(() => {
    finished = true;
    settled.abort();
  });
  try {
    if (!interrupt.aborted) await abortableSleep(graceMs, settled.signal);
    if (!finished) await hardStop();
    await done;
  } finally {
    interrupt.removeEventListener('abort', onInterrupt);
  }
}
