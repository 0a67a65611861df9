import { abortableSleep } from './abortable-sleep.js';

/** Lets in-flight work finish for up to `graceMs`, then aborts what is left and waits for it. */
export async function gracefulStop(
  pending: Promise<unknown>,
  graceMs: number,
  hardStop: AbortController,
): Promise<void> {
  const graceOver = new AbortController();
  const finished = pending.then(() => graceOver.abort());
  await abortableSleep(graceMs, graceOver.signal);
  if (!graceOver.signal.aborted) hardStop.abort();
  await finished;
}
