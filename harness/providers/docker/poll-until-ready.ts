import { setTimeout as sleep } from 'node:timers/promises';
import { TargetError } from '../../../core/errors.js';

export interface PollOptions {
  /** "postgres \"db\" (image loadrig/postgres) accepting connections on 127.0.0.1:5432" */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  attempt: (signal: AbortSignal) => Promise<void>;
  failFast: Promise<never>;
  hint: string;
  /** Errors no retry can fix (bad credentials, say): reported at once. */
  isFatal?: (err: unknown) => boolean;
}

function describe(err: unknown): string {
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  return typeof message === 'string' ? message : String(err);
}

/** Tries `attempt` until it succeeds, the container exits (failFast) or the deadline passes. */
export async function pollUntilReady(opts: PollOptions): Promise<void> {
  const stop = new AbortController();
  opts.failFast.catch((err: unknown) => stop.abort(err));
  const deadline = performance.now() + opts.timeoutMs;
  let last = 'no attempt finished';
  try {
    while (performance.now() < deadline) {
      stop.signal.throwIfAborted();
      const remainingMs = Math.max(1, Math.ceil(deadline - performance.now()));
      try {
        await opts.attempt(
          AbortSignal.any([stop.signal, AbortSignal.timeout(Math.min(remainingMs, 5_000))]),
        );
        return;
      } catch (err) {
        stop.signal.throwIfAborted();
        last = `last error ${describe(err)}`;
        if (opts.isFatal?.(err)) {
          throw new TargetError(
            'E_TARGET_UNHEALTHY',
            `${opts.what}: ${describe(err)}: ${(err as Error).message}`,
            opts.hint,
          );
        }
      }
      await sleep(opts.intervalMs ?? 200, undefined, { signal: stop.signal }).catch(
        () => undefined,
      );
    }
  } finally {
    stop.abort();
  }
  throw new TargetError(
    'E_TARGET_UNHEALTHY',
    `${opts.what}: not ready within ${opts.timeoutMs} ms (${last})`,
    opts.hint,
  );
}
