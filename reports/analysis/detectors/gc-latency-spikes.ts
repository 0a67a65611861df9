import { median } from 'simple-statistics';
import type { Finding } from '../../model/finding.js';
import { formatMs } from '../../render/format.js';
import { gcSpikeOverlap } from '../correlation/gc-spikes.js';
import { binomialTail } from '../stats/binomial-tail.js';
import type { Detector } from './detector.js';
import { mattersMs } from './latency-budget.js';
import { loadedSeconds, round, seriesEnding, span } from './run-facts.js';

const gcPauseSeries = (input: Parameters<Detector['detect']>[0]) =>
  seriesEnding(input, 'gc_pause_ms').find((x) => /(^|\.)gc_pause_ms$/.test(x.id));

/**
 * Latency-spike seconds that sit next to GC pauses more often than chance would put them there:
 * the collector, not the code, made those requests slow. (A process that collects every second
 * would "explain" every spike otherwise, so the overlap is set against the base rate.) Only
 * seconds with enough requests for a p99 count, and the spikes must be slow enough to matter:
 * against the thresholds where the scenario has them, an absolute floor otherwise.
 */
export const gcLatencySpikes: Detector<{
  minPauseMs: number;
  minSpikes: number;
  minShare: number;
  maxPValue: number;
  minRequestsPerSecond: number;
  minSpikeP99Ms: number;
  budgetShare: number;
}> = {
  describes: 'GC pauses coinciding with latency spikes (more than chance)',
  defaults: {
    minPauseMs: 10,
    minSpikes: 3,
    minShare: 0.5,
    maxPValue: 0.01,
    minRequestsPerSecond: 20,
    minSpikeP99Ms: 20,
    budgetShare: 0.5,
  },
  detect(input, s) {
    const gc = gcPauseSeries(input);
    if (!gc) return [];
    const { reqPerSec } = input.timeline;
    const p99 = input.timeline.p99.map((v, i) =>
      (reqPerSec[i] ?? 0) >= s.minRequestsPerSecond ? v : null,
    );
    const overlap = gcSpikeOverlap(p99, gc.values, { minPauseMs: s.minPauseMs });
    if (!overlap || overlap.spikeSeconds < s.minSpikes) return [];
    const share = overlap.spikesWithGc / overlap.spikeSeconds;
    const lift =
      overlap.expectedByChance === 0 ? Infinity : overlap.spikesWithGc / overlap.expectedByChance;
    // How likely this many spikes would sit next to a GC second by chance alone.
    const pValue = binomialTail(
      overlap.spikesWithGc,
      overlap.spikeSeconds,
      overlap.expectedByChance / overlap.spikeSeconds,
    );
    if (share < s.minShare || pValue > s.maxPValue) return [];
    const spikes = p99.flatMap((v, i) => (v !== null && v > overlap.spikeThresholdMs ? [i] : []));
    const spikeP99 = median(spikes.map((i) => p99[i] as number));
    if (!mattersMs(input, spikeP99, 99, s.minSpikeP99Ms, s.budgetShare).matters) return [];
    return [
      {
        id: 'gc.latency-spikes',
        severity: 'warning',
        title: `${overlap.spikesWithGc} of ${overlap.spikeSeconds} latency spikes sit next to GC pauses (${round(lift, 1)}× chance)`,
        evidence: {
          text: `${overlap.spikeSeconds} seconds had p99 above ${formatMs(overlap.spikeThresholdMs)}; ${overlap.spikesWithGc} of them were within ${overlap.toleranceSec} s of a GC pause of ≥ ${s.minPauseMs} ms, where chance alone would put ${round(overlap.expectedByChance, 1)} (binomial p = ${pValue.toPrecision(2)}).`,
          figures: {
            spikeSeconds: overlap.spikeSeconds,
            spikesWithGc: overlap.spikesWithGc,
            expectedByChance: round(overlap.expectedByChance, 2),
            pValue: Number(pValue.toPrecision(3)),
            gcSeconds: overlap.gcSeconds,
            medianSpikeP99Ms: round(spikeP99, 3),
          },
          ...span(input, spikes),
        },
        cause:
          'Garbage collection pauses stop the process: large or many short-lived allocations per request, or a heap near its limit.',
        fix: 'Reduce allocation on the request path (reuse buffers, stream instead of building large objects); check heap headroom and the GC kinds on the server chart.',
        chart: 'server',
      },
    ];
  },
};

/** Time spent in GC as a share of wall time: a collector this busy slows every request. */
export const gcPressure: Detector<{
  warnPercent: number;
  criticalPercent: number;
  minSeconds: number;
}> = {
  describes: 'a large share of time spent in GC pauses',
  defaults: { warnPercent: 10, criticalPercent: 25, minSeconds: 5 },
  detect(input, s) {
    const gc = gcPauseSeries(input);
    if (!gc) return [];
    const seconds = loadedSeconds(input).filter(
      (i) => gc.values[i] !== null && gc.values[i] !== undefined,
    );
    if (seconds.length < s.minSeconds) return [];
    const share = median(seconds.map((i) => ((gc.values[i] as number) / 1000) * 100));
    if (share < s.warnPercent) return [];
    const finding: Finding = {
      id: 'gc.pressure',
      severity: share >= s.criticalPercent ? 'critical' : 'warning',
      title: `The target spent ~${round(share, 0)} % of each second in GC pauses`,
      evidence: {
        text: `In a typical loaded second, GC pauses added up to ${formatMs(share * 10)} (median over ${seconds.length} s): the process stood still that long.`,
        figures: { medianGcPercent: round(share, 1), seconds: seconds.length },
        ...span(input, seconds),
      },
      cause:
        'High allocation rate or large short-lived objects per request: the collector runs constantly.',
      fix: 'Profile allocations (--heap-prof or a sampling heap profiler) and cut the biggest allocators on the request path.',
      chart: 'server',
    };
    return [finding];
  },
};
