import { z } from 'zod';

/**
 * digest.json: the few figures of one run that `loadrig history` charts across runs, taken
 * over the run's steady state (its hold phases) and written when the run ends, so a history of
 * thousands of runs reads two small files per run instead of every histogram of every second.
 * It is derived data: a run without one (older, or written elsewhere) is digested on read.
 * Documented in docs/history-format.md.
 */
export const DIGEST_VERSION = 1;

export const runDigestSchema = z.object({
  digestVersion: z.literal(DIGEST_VERSION),
  /** The run it belongs to: a digest copied beside another run is ignored. */
  runId: z.string(),
  /** Which seconds the figures cover: the hold phases, or the whole run when it has none. */
  window: z.object({
    kind: z.enum(['steady', 'whole']),
    fromT: z.number().int().nullable(),
    toT: z.number().int().nullable(),
    seconds: z.number().int().nonnegative(),
  }),
  /** HTTP requests in the window. */
  requests: z.number().nonnegative(),
  /**
   * By figure key: a history metric id, with the endpoint in brackets for per-endpoint
   * figures (`latency.p99`, `latency.p99[GET /api/orders]`), in the metric's unit.
   */
  figures: z.record(z.string(), z.number()),
});

export type RunDigest = z.infer<typeof runDigestSchema>;
