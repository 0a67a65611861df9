import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import type { HealthCheck } from '../../targets/target.js';
import { TargetError } from '../../core/errors.js';

export interface WaitForHttpOptions {
  /** Target name, for the error message. */
  name: string;
  baseUrl: string;
  health: HealthCheck;
  /** Where the target's output goes; the timeout error points there. */
  logFile?: string;
  signal?: AbortSignal;
  /** Rejects with the error to throw when waiting is pointless (the process exited, say). */
  failFast?: Promise<never>;
}

function accepted(status: number, expect: number[] | undefined): boolean {
  return expect ? expect.includes(status) : status >= 200 && status < 400;
}

function describeError(err: unknown): string {
  const { code, name, message } = err as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string') return code;
  if (name === 'TimeoutError') return 'no answer before the deadline';
  return typeof message === 'string' ? message : String(err);
}

/**
 * Polls `GET baseUrl + health.path` every `intervalMs` until a healthy status or `timeoutMs`.
 * Rejects with TargetError E_TARGET_UNHEALTHY on timeout, the failFast error, or the signal's reason.
 */
export async function waitForHttp(options: WaitForHttpOptions): Promise<void> {
  const { health } = options;
  const url = options.baseUrl + health.path;
  const stop = new AbortController();
  options.failFast?.catch((err: unknown) => stop.abort(err));
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const deadline = performance.now() + health.timeoutMs;
  let last: string | undefined;
  try {
    for (;;) {
      signal.throwIfAborted();
      const remainingMs = deadline - performance.now();
      if (remainingMs <= 0) break;
      try {
        const response = await request(url, {
          method: 'GET',
          reset: true, // no idle keep-alive connection left behind in the target's metrics
          signal: AbortSignal.any([signal, AbortSignal.timeout(Math.ceil(remainingMs))]),
        });
        await response.body.dump();
        if (accepted(response.statusCode, health.expectStatus)) return;
        last = `last status ${response.statusCode}`;
      } catch (err) {
        signal.throwIfAborted();
        // An attempt cut short by the deadline says less than what the target said before it.
        const cutShort = (err as { name?: unknown }).name === 'TimeoutError';
        if (!cutShort || last === undefined) last = `last error ${describeError(err)}`;
      }
      const pauseMs = Math.min(health.intervalMs, deadline - performance.now());
      if (pauseMs > 0) await sleep(pauseMs, undefined, { signal }).catch(() => undefined);
    }
  } finally {
    stop.abort();
  }
  throw new TargetError(
    'E_TARGET_UNHEALTHY',
    `target "${options.name}" did not answer GET ${url} within ${health.timeoutMs} ms (${last ?? 'no attempt finished'})`,
    options.logFile
      ? `check its log: ${options.logFile}`
      : `check that ${options.baseUrl} is up and reachable from this machine`,
  );
}
