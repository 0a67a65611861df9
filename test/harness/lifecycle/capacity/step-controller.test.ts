import { describe, expect, it, vi } from 'vitest';
import type { ClientBucket } from '../../../../core/run-dir/run-data.js';
import { StepController } from '../../../../harness/lifecycle/capacity/step-controller.js';

const bucket = (t: number, requests: number): ClientBucket => ({
  t,
  vus: 4,
  metrics: { http_reqs: [{ kind: 'counter', tags: { name: '/a' }, value: requests }] },
});

describe('StepController', () => {
  it('ends the step once a steady window has been measured long enough, and passes everything on', () => {
    vi.useFakeTimers({ now: 1_700_000_000_500 });
    try {
      const inner = { bucket: vi.fn(), start: vi.fn(), warn: vi.fn(), phase: vi.fn() };
      const c = new StepController(inner, { windowSeconds: 3, cvBound: 0.05 }, 4);
      c.phase('load');
      c.start({ runDir: 'd', baseUrl: 'u', totalMs: 30_000, profileKind: 'soak' });
      const t0 = 1_700_000_001; // the first whole second after the start
      c.bucket(bucket(t0 - 1, 999), 400); // the partial second before it: ignored
      const counts = [500, 900, 1000, 1010, 990];
      counts.forEach((n, i) => c.bucket(bucket(t0 + i, n), 1000 * (i + 1)));
      expect(c.signal.aborted).toBe(false); // settled at the 3rd second: 3 of 4 measured
      c.bucket(bucket(t0 + 5, 1000), 6000);
      expect(c.signal.aborted).toBe(true);
      expect(inner.bucket).toHaveBeenCalledTimes(7);
      expect(inner.phase).toHaveBeenCalledWith('load', undefined);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never ends a step whose throughput keeps swinging', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    try {
      const c = new StepController({}, { windowSeconds: 3, cvBound: 0.05 }, 2);
      c.start({ runDir: 'd', baseUrl: 'u', totalMs: 30_000, profileKind: 'soak' });
      for (let i = 0; i < 20; i++)
        c.bucket(bucket(1_700_000_000 + i, i % 2 === 0 ? 400 : 100), i * 1000);
      expect(c.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
