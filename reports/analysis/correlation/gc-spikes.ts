import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { neighbours, type GridSeries } from './align.js';

/** Where the harness writes the summed GC pause time per second (agent or prom-client). */
export const GC_PAUSE_SERIES_ID = 'node.gc_pause_ms';

export interface GcSpikeOptions {
  /** A second counts as a GC second when its pauses add up to at least this (default 5 ms). */
  minPauseMs?: number;
  /** Agent and client seconds are sampled out of phase: match within ± this (default 1 s). */
  toleranceSec?: number;
}

export interface GcSpikeOverlap {
  minPauseMs: number;
  toleranceSec: number;
  /** p99 above this is a spike: max(2 × median, median + 3 × scaled MAD) of p99. */
  spikeThresholdMs: number;
  spikeSeconds: number;
  gcSeconds: number;
  /** Spikes with a GC second within the tolerance. */
  spikesWithGc: number;
  /** How many spikes would sit near a GC second by chance, given how many seconds have one. */
  expectedByChance: number;
  /** Seconds where both p99 and the GC series are present. */
  seconds: number;
}

/**
 * GC pause seconds against latency-spike seconds. A spike is a second whose p99 stands out of
 * the run's usual p99; the count of spikes near a GC pause is set against what chance alone
 * gives (a process that collects every second would "explain" every spike otherwise).
 */
export function gcSpikeOverlap(
  p99: GridSeries,
  gcPauseMs: GridSeries,
  opts: GcSpikeOptions = {},
): GcSpikeOverlap | undefined {
  const minPauseMs = opts.minPauseMs ?? 5;
  const tolerance = opts.toleranceSec ?? 1;
  const both: number[] = [];
  for (let i = 0; i < Math.min(p99.length, gcPauseMs.length); i++)
    if (p99[i] != null && gcPauseMs[i] != null) both.push(i);
  if (both.length < 3) return undefined;
  const latencies = both.map((i) => p99[i] as number);
  const mid = median(latencies);
  const threshold = Math.max(2 * mid, mid + 3 * 1.4826 * medianAbsoluteDeviation(latencies));
  const isGc = (i: number): boolean => (gcPauseMs[i] ?? 0) >= minPauseMs;
  const nearGc = (i: number): boolean => neighbours(gcPauseMs.length, i, tolerance).some(isGc);
  const spikes = both.filter((i) => (p99[i] as number) > threshold);
  const nearShare = both.filter(nearGc).length / both.length;
  return {
    minPauseMs,
    toleranceSec: tolerance,
    spikeThresholdMs: threshold,
    spikeSeconds: spikes.length,
    gcSeconds: both.filter(isGc).length,
    spikesWithGc: spikes.filter(nearGc).length,
    expectedByChance: spikes.length * nearShare,
    seconds: both.length,
  };
}
