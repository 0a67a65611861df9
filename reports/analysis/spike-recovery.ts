import type { Phase, RunData } from '../../core/run-dir/run-data.js';
import { mergeMetric, trendPercentile } from '../../core/series/merge.js';
import type { Timeline } from './timeline.js';

/** p95 counts as recovered within this share above its pre-spike baseline. */
export const RECOVERY_TOLERANCE = 0.2;
/** ...and must stay there this many seconds, so one lucky second is not a recovery. */
export const RECOVERY_SUSTAIN_SEC = 3;

/**
 * How a run came back from a spike: p95 latency before it, at its worst, and the seconds from
 * the load's return to baseline until p95 was back within 20 % of the baseline (and stayed
 * there 3 s). All times are unix seconds; latencies in ms.
 */
export interface SpikeRecovery {
  /** p95 over the whole hold before the spike (every request of it, one merged histogram). */
  baselineP95Ms: number;
  /** The p95 a second must not exceed to count as recovered: baseline × 1.2. */
  thresholdMs: number;
  /** The worst second's p95 from the jump to the end of the run. */
  peakP95Ms: number;
  /** Load levels (VUs, or iterations/s for an open model) before and at the spike. */
  baselineLevel: number;
  peakLevel: number;
  /** The first whole second back at baseline load (the ramp down's end). */
  spikeEndT: number;
  /** Seconds from spikeEndT to the first recovered second; null: not recovered in time. */
  recoverySec: number | null;
  recoveredAtT: number | null;
  /** Seconds watched after the spike: the hold that follows it, as far as the run went. */
  observedSec: number;
}

interface SpikeShape {
  before: Phase;
  up: Phase;
  down: Phase;
  after: Phase | undefined;
}

/**
 * A spike in the run's phases: a hold, a ramp up to a higher level, a hold there, a ramp back
 * down below it (profile `spike()`, or k6 stages of that shape); the first one found.
 */
export function findSpike(phases: readonly Phase[]): SpikeShape | undefined {
  const ps = [...phases].filter((p) => p.kind !== 'warmup').sort((a, b) => a.startMs - b.startMs);
  for (let i = 0; i + 3 < ps.length; i++) {
    const [before, up, peak, down] = ps.slice(i, i + 4) as [Phase, Phase, Phase, Phase];
    if (
      before.kind === 'hold' &&
      up.kind === 'ramp-up' &&
      peak.kind === 'hold' &&
      down.kind === 'ramp-down' &&
      (peak.level ?? 0) > (before.level ?? 0) &&
      (down.level ?? Infinity) < (peak.level ?? 0)
    ) {
      const next = ps[i + 4];
      return { before, up, down, after: next?.kind === 'hold' ? next : undefined };
    }
  }
  return undefined;
}

/** Pure: run data and its timeline in, the spike's recovery out (undefined: no spike, or no baseline). */
export function spikeRecovery(run: RunData, timeline: Timeline): SpikeRecovery | undefined {
  const spike = findSpike(run.meta.phases);
  if (spike === undefined) return undefined;
  const beforeFrom = Math.ceil(spike.before.startMs / 1000);
  const beforeTo = Math.floor(spike.before.endMs / 1000); // exclusive
  const baseline = mergeMetric(
    run.client.filter((b) => b.t >= beforeFrom && b.t < beforeTo),
    'http_req_duration',
  );
  if (baseline?.kind !== 'trend' || baseline.count === 0) return undefined;
  const baselineP95Ms = trendPercentile(baseline, 95);
  const thresholdMs = baselineP95Ms * (1 + RECOVERY_TOLERANCE);
  const spikeEndT = Math.ceil(spike.down.endMs / 1000);
  const lastT = spike.after === undefined ? spikeEndT : Math.floor(spike.after.endMs / 1000);
  const p95At = new Map<number, number | null>();
  timeline.t.forEach((t, i) => p95At.set(t, timeline.p95[i] ?? null));
  const within = (t: number): boolean => {
    const p = p95At.get(t);
    return p !== undefined && p !== null && p <= thresholdMs;
  };
  // The hold after the spike, as far as the run recorded it.
  let observedEnd = spikeEndT;
  for (const t of p95At.keys())
    if (t >= spikeEndT && t < lastT) observedEnd = Math.max(observedEnd, t + 1);
  let recoveredAtT: number | null = null;
  for (let t = spikeEndT; t < observedEnd && recoveredAtT === null; t++) {
    const sustain = Math.min(RECOVERY_SUSTAIN_SEC, observedEnd - t);
    let ok = true;
    for (let k = 0; k < sustain && ok; k++) ok = within(t + k);
    if (ok) recoveredAtT = t;
  }
  let peakP95Ms = 0;
  for (const [t, p] of p95At) {
    if (t >= Math.floor(spike.up.startMs / 1000) && t < observedEnd && p !== null) {
      peakP95Ms = Math.max(peakP95Ms, p);
    }
  }
  return {
    baselineP95Ms,
    thresholdMs,
    peakP95Ms,
    baselineLevel: spike.before.level ?? 0,
    peakLevel: spike.up.level ?? 0,
    spikeEndT,
    recoverySec: recoveredAtT === null ? null : recoveredAtT - spikeEndT,
    recoveredAtT,
    observedSec: observedEnd - spikeEndT,
  };
}
