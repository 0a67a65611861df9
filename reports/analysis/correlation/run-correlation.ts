import { GC_PAUSE_SERIES_ID, gcSpikeOverlap, type GcSpikeOverlap } from './gc-spikes.js';
import { latencyVsConcurrency, type LatencyConcurrencyFit } from './latency-concurrency.js';
import {
  correlateServerSeries,
  strongestCorrelations,
  type SeriesCorrelation,
} from './server-correlation.js';
import type { Timeline } from '../timeline.js';

/** How the server's seconds relate to the client's: what moved with latency, and when. */
export interface CorrelationAnalysis {
  /** Every server series against p99 and p50 at its best lag within ±5 s. */
  series: SeriesCorrelation[];
  /** The few that move most with p99 beyond chance, for the report. */
  strongest: SeriesCorrelation[];
  /** Seconds with a client p99: the span the series were correlated over. */
  latencySeconds: number;
  /** Present when a GC pause series was recorded. */
  gcSpikes?: GcSpikeOverlap;
  /** p50 and p99 against concurrency (active VUs). */
  latencyVsConcurrency: { p50?: LatencyConcurrencyFit; p99?: LatencyConcurrencyFit };
}

export function analyseCorrelation(timeline: Timeline): CorrelationAnalysis {
  const series = correlateServerSeries(timeline);
  const gcPause = timeline.server.find((s) => s.id === GC_PAUSE_SERIES_ID);
  const gcSpikes = gcPause ? gcSpikeOverlap(timeline.p99, gcPause.values) : undefined;
  const p50 = latencyVsConcurrency(timeline.vus, timeline.p50);
  const p99 = latencyVsConcurrency(timeline.vus, timeline.p99);
  return {
    series,
    strongest: strongestCorrelations(series),
    latencySeconds: timeline.p99.filter((v) => v !== null).length,
    ...(gcSpikes ? { gcSpikes } : {}),
    latencyVsConcurrency: { ...(p50 ? { p50 } : {}), ...(p99 ? { p99 } : {}) },
  };
}
