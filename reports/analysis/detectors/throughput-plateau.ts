import { median } from 'simple-statistics';
import type { Detector } from './detector.js';
import { isOpenModel, round, span } from './run-facts.js';

/**
 * The knee: VUs keep rising but requests per second stop following. Beyond it, added load only
 * adds queueing (latency), not throughput: the system is saturated. A level's req/s is the
 * median of its seconds; the flat stretch must last `minSecondsPastKnee`, so one slow second
 * on a busy machine is not a knee.
 */
export const throughputPlateau: Detector<{
  minLevels: number;
  flatGrowth: number;
  minLoadGrowth: number;
  minSecondsPastKnee: number;
}> = {
  describes: 'throughput plateaus while load still rises (the knee: saturation)',
  defaults: { minLevels: 4, flatGrowth: 1.1, minLoadGrowth: 1.5, minSecondsPastKnee: 5 },
  detect(input, s) {
    if (isOpenModel(input)) return [];
    const { vus, reqPerSec } = input.timeline;
    const byLevel = new Map<number, { rps: number[]; idx: number[] }>();
    for (let i = 0; i < vus.length; i++) {
      const v = vus[i];
      const r = reqPerSec[i];
      if (v === null || v === undefined || v <= 0 || r === null || r === undefined) continue;
      const level = byLevel.get(v) ?? { rps: [], idx: [] };
      level.rps.push(r);
      level.idx.push(i);
      byLevel.set(v, level);
    }
    const levels = [...byLevel.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([v, l]) => ({ vus: v, rps: median(l.rps), idx: l.idx }));
    if (levels.length < s.minLevels) return [];
    const top = levels[levels.length - 1]!;
    for (let k = 1; k < levels.length - 1; k++) {
      const knee = levels[k]!;
      if (top.vus < knee.vus * s.minLoadGrowth) break;
      const after = levels.slice(k);
      const peakAfter = Math.max(...after.map((l) => l.rps));
      const first = levels[0]!;
      // It was scaling before the knee, and stopped after it.
      const scaledBefore = knee.rps >= first.rps * Math.min(1.5, knee.vus / first.vus);
      if (!scaledBefore || peakAfter > knee.rps * s.flatGrowth) continue;
      const idx = after.flatMap((l) => l.idx);
      if (idx.length < s.minSecondsPastKnee) continue;
      return [
        {
          id: 'throughput.plateau',
          severity: 'warning',
          title: `Throughput plateaus at ~${round(knee.rps, 0)} req/s from ${knee.vus} VUs while load rises to ${top.vus} VUs`,
          evidence: {
            text: `From ${first.vus} to ${knee.vus} VUs req/s grew ${round(knee.rps / first.rps, 1)}×; from ${knee.vus} to ${top.vus} VUs (${round(top.vus / knee.vus, 1)}× the load) it grew at most ${round(peakAfter / knee.rps, 2)}×. Past the knee, added load only queues.`,
            figures: {
              kneeVus: knee.vus,
              kneeReqPerSec: round(knee.rps, 1),
              maxVus: top.vus,
              reqPerSecAtMax: round(top.rps, 1),
            },
            ...span(input, idx),
          },
          cause:
            'A saturated resource caps throughput: the event loop or a CPU core, a connection pool, a lock.',
          fix: 'Read the server series past the knee (CPU, event-loop utilisation, pool waits); that resource is the capacity limit. Size for the knee, not the peak.',
          chart: 'throughput',
        },
      ];
    }
    return [];
  },
};
