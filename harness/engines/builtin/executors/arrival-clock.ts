/**
 * The open model's clock arithmetic. Arrivals are scheduled, and their latency measured, on
 * one monotonic clock: `performance.now()` of the thread that runs them. An instant shared
 * between threads travels as unix milliseconds on that clock (`timeOrigin + now()`) and each
 * thread converts it with its own `performance.timeOrigin`: Node 20's worker threads share the
 * process's origin, other runtimes give each thread its own, and the conversion holds for both.
 */

/** Now, as unix ms on this thread's monotonic clock (sub-millisecond, shared across threads). */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A shared instant (unix ms from epochNowMs) on this thread's `performance.now()` clock. */
export function localFromEpochMs(epochMs: number, timeOriginMs = performance.timeOrigin): number {
  return epochMs - timeOriginMs;
}

/**
 * The instant an arrival due at `dueMs` and started at `nowMs` counts its latency from. A timer
 * can fire a millisecond or more early (Node measures it from the event loop's cached time),
 * and waits under a millisecond are not slept at all: an arrival that starts before it was due
 * counts from when it really started, so no latency can be shorter than the request itself.
 */
export function arrivalStartMs(dueMs: number, nowMs: number): number {
  return nowMs < dueMs ? nowMs : dueMs;
}
