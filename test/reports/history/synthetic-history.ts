import { createHash } from 'node:crypto';
import type { HistoryRun } from '../../../reports/analysis/history/history-run.js';

/** mulberry32: a small seeded generator, so every synthetic history is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box–Muller). */
export function normal(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const REQUESTS = 540_000;

export interface SyntheticOptions {
  runs: number;
  seed: number;
  /** Multiplies p99 (overall and of the endpoint) from this run index on. */
  p99Step?: { at: number; factor: number };
  /** Relative noise of latencies from run to run (standard deviation). */
  noise?: number;
}

/**
 * Nightly runs of one scenario on main: latencies, throughput and errors with run-to-run noise
 * of the size seen between identical runs, one run a day, and optionally a p99 step.
 */
export function syntheticHistory(opts: SyntheticOptions): HistoryRun[] {
  const z = normal(seededRandom(opts.seed));
  const noise = opts.noise ?? 0.04;
  const runs: HistoryRun[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const step = opts.p99Step && i >= opts.p99Step.at ? opts.p99Step.factor : 1;
    const jitter = (base: number, sd: number) => base * (1 + sd * z());
    const p99 = jitter(40, noise) * step;
    const figures: Record<string, number> = {
      'latency.p50': jitter(8, noise / 2),
      'latency.p95': jitter(25, noise),
      'latency.p99': p99,
      throughput: jitter(900, noise / 2),
      // Binomial noise of 0.2 % failures among the run's requests.
      'errors.rate': Math.max(0, 0.002 + Math.sqrt((0.002 * 0.998) / REQUESTS) * z()),
      'latency.p99[GET /api/orders]': p99 * (1 + (noise / 2) * z()),
    };
    const day = new Date(Date.UTC(2026, 0, 1 + i, 2, 0, 0));
    runs.push({
      id: `${day
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}-nightly`,
      scenario: 'nightly',
      branch: 'main',
      commit: createHash('sha1').update(`${opts.seed}:${i}`).digest('hex'),
      dirty: false,
      startedAt: day.toISOString(),
      status: 'passed',
      report: null,
      digest: {
        window: { kind: 'steady', fromT: 0, toT: 599, seconds: 600 },
        requests: REQUESTS,
        figures,
      },
    });
  }
  return runs;
}
