import { median } from 'simple-statistics';
import { formatMs } from '../../render/format.js';
import type { Detector } from './detector.js';
import { round, seriesEnding, span } from './run-facts.js';

/**
 * Latency-spike seconds that coincide with GC pauses: the collector, not the code, made those
 * requests slow.
 */
export const gcLatencySpikes: Detector<{
  spikeFactor: number;
  minSpikeMs: number;
  minPauseMs: number;
  minSpikes: number;
  minShare: number;
}> = {
  describes: 'GC pauses coinciding with latency spikes',
  defaults: { spikeFactor: 2, minSpikeMs: 10, minPauseMs: 10, minSpikes: 3, minShare: 0.5 },
  detect(input, s) {
    const gc = seriesEnding(input, 'gc_pause_ms').find((x) => /(^|\.)gc_pause_ms$/.test(x.id));
    if (!gc) return [];
    const p99 = input.timeline.p99;
    const present = p99.filter((v): v is number => v !== null);
    if (present.length < 5) return [];
    const typical = median(present);
    const spikes = p99.flatMap((v, i) =>
      v !== null && v > typical * s.spikeFactor && v - typical >= s.minSpikeMs ? [i] : [],
    );
    if (spikes.length < s.minSpikes) return [];
    const pauseNear = (i: number): number =>
      Math.max(...[i - 1, i, i + 1].map((k) => gc.values[k] ?? 0));
    const coinciding = spikes.filter((i) => pauseNear(i) >= s.minPauseMs);
    const share = coinciding.length / spikes.length;
    if (share < s.minShare) return [];
    const pauseMs = coinciding.reduce((sum, i) => sum + (gc.values[i] ?? 0), 0);
    return [
      {
        id: 'gc.latency-spikes',
        severity: 'warning',
        title: `${coinciding.length} of ${spikes.length} latency spikes coincide with GC pauses`,
        evidence: {
          text: `In ${spikes.length} seconds p99 rose above ${s.spikeFactor}× its typical ${formatMs(typical)}; in ${coinciding.length} of them (${round(share * 100, 0)} %) the target paused for GC ≥ ${s.minPauseMs} ms within a second (${formatMs(pauseMs)} in all).`,
          figures: {
            spikeSeconds: spikes.length,
            coincidingSeconds: coinciding.length,
            sharePercent: round(share * 100, 1),
            typicalP99Ms: round(typical, 2),
            gcPauseMs: round(pauseMs, 1),
          },
          ...span(input, coinciding),
        },
        cause:
          'Garbage collection pauses stop the process: large or many short-lived allocations per request, or a heap near its limit.',
        fix: 'Reduce allocation on the request path (reuse buffers, stream instead of building large objects); check heap headroom and GC kinds on the server chart.',
        chart: 'server',
      },
    ];
  },
};
