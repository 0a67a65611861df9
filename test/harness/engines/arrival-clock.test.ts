import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrivalStartMs,
  epochNowMs,
  localFromEpochMs,
} from '../../../harness/engines/builtin/executors/arrival-clock.js';

describe('arrivalStartMs', () => {
  it('counts a late arrival from its schedule, an early one from when it started', () => {
    expect(arrivalStartMs(100, 130)).toBe(100);
    expect(arrivalStartMs(100, 100)).toBe(100);
    expect(arrivalStartMs(100, 98.6)).toBe(98.6);
  });

  it('never yields a latency shorter than the request, wherever the timer fired', () => {
    fc.assert(
      fc.property(
        // Whole microseconds, so the arithmetic is exact.
        fc.integer({ min: 0, max: 1e10 }),
        fc.integer({ min: -5000, max: 500_000 }),
        fc.integer({ min: 0, max: 1e7 }),
        (dueUs, firedLateByUs, requestUs) => {
          const nowUs = dueUs + firedLateByUs;
          const latencyUs = nowUs + requestUs - arrivalStartMs(dueUs, nowUs);
          expect(latencyUs).toBeGreaterThanOrEqual(requestUs);
          // ...and a late start is not forgiven: the wait for the generator counts.
          expect(latencyUs).toBe(requestUs + Math.max(0, firedLateByUs));
        },
      ),
    );
  });
});

describe('a start instant shared between threads', () => {
  it('maps one unix instant onto each clock, whatever its time origin', () => {
    const epochMs = 1_800_000_000_123.25;
    const mainLocal = localFromEpochMs(epochMs, 1_799_999_990_000);
    const workerLocal = localFromEpochMs(epochMs, 1_799_999_999_500);
    expect(mainLocal).toBe(10_123.25);
    expect(workerLocal).toBe(623.25);
    expect(mainLocal + 1_799_999_990_000).toBe(workerLocal + 1_799_999_999_500);
  });

  it('is the same instant in a worker thread', async () => {
    // The worker waits on its own clock until the instant the main thread named, then answers.
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.once('message', (atEpochMs) => {
         const local = atEpochMs - performance.timeOrigin;
         const spin = () => (performance.now() >= local
           ? parentPort.postMessage({ origin: performance.timeOrigin, nowLocal: performance.now() })
           : setImmediate(spin));
         spin();
       });`,
      { eval: true },
    );
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      const atEpochMs = epochNowMs() + 40;
      worker.postMessage(atEpochMs);
      const reply = await new Promise<{ origin: number; nowLocal: number }>((resolve) =>
        worker.once('message', resolve),
      );
      const answeredMs = epochNowMs();
      expect(answeredMs).toBeGreaterThanOrEqual(atEpochMs);
      expect(answeredMs - atEpochMs).toBeLessThan(200);
      expect(reply.origin + reply.nowLocal).toBeGreaterThanOrEqual(atEpochMs);
    } finally {
      await worker.terminate();
    }
  });
});
