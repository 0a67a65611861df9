import { median } from 'simple-statistics';
import type { Finding } from '../../model/finding.js';
import { formatMs } from '../../render/format.js';
import type { Detector, DetectorInput } from './detector.js';
import { loadedSeconds, round, span } from './run-facts.js';

type Settings = {
  warnDropPercent: number;
  criticalDropPercent: number;
  latencyGrowth: number;
  minIncreaseMs: number;
  headroom: number;
};

/** An open model's pool: the sum of its arrival-rate executors' maxVUs (undefined: none). */
function maxVusOf(input: DetectorInput): number | undefined {
  let total: number | undefined;
  for (const e of Object.values(input.run.meta.scenario.executors ?? {})) {
    if (e.executor === 'constant-arrival-rate' || e.executor === 'ramping-arrival-rate')
      total = (total ?? 0) + e.maxVUs;
  }
  return total;
}

const at = (values: readonly (number | null)[] | undefined, i: number): number | undefined => {
  const v = values?.[i];
  return v === null || v === undefined ? undefined : v;
};

function medianOf(values: (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length > 0 ? median(present) : undefined;
}

/**
 * Arrivals that found no free VU, attributed to whoever could not keep up. A generator that
 * lagged is reported by `generator.saturated` (its figures then measure loadrig), never here
 * as well. Otherwise the seconds with drops are set against the seconds without: when the
 * latency grew there as the pool filled, the target was saturated and serves less than it was
 * offered; when it kept its latency, the target kept up and the pool (maxVUs) was too small
 * for the rate times the iteration's duration (Little's law).
 */
export const droppedIterations: Detector<Settings> = {
  describes: 'dropped iterations: a saturated target, or a VU pool too small for the rate',
  defaults: {
    warnDropPercent: 0,
    criticalDropPercent: 1,
    latencyGrowth: 2,
    minIncreaseMs: 5,
    headroom: 1.5,
  },
  detect(input, s) {
    const dropped = input.summary.metrics['dropped_iterations'];
    const iterations = input.summary.metrics['iterations'];
    const droppedCount = dropped?.kind === 'counter' ? dropped.count : 0;
    const done = iterations?.kind === 'counter' ? iterations.count : 0;
    if (droppedCount === 0) return [];
    const dropPercent = (droppedCount / (droppedCount + done)) * 100;
    if (dropPercent <= s.warnDropPercent) return [];
    if (input.run.meta.engineResult?.generator?.reliable === false) return [];
    const { timeline } = input;
    const loaded = loadedSeconds(input);
    const dropping = loaded.filter((i) => (at(timeline.droppedPerSec, i) ?? 0) > 0);
    const clean = loaded.filter((i) => (at(timeline.droppedPerSec, i) ?? 0) === 0);
    const offered = medianOf(
      dropping.map(
        (i) => (at(timeline.iterationsPerSec, i) ?? 0) + (at(timeline.droppedPerSec, i) ?? 0),
      ),
    );
    const served = medianOf(dropping.map((i) => at(timeline.iterationsPerSec, i)));
    const duringMs = medianOf(dropping.map((i) => at(timeline.p50, i)));
    // Before the pool filled: the seconds without drops, else the fastest seconds of the run.
    const cleanMs = medianOf(clean.map((i) => at(timeline.p50, i)));
    const fastestMs = medianOf(
      [Math.min(...loaded.map((i) => at(timeline.p50, i) ?? Infinity))].filter(Number.isFinite),
    );
    const baseMs = clean.length >= 3 && cleanMs !== undefined ? cleanMs : fastestMs;
    const maxVus = maxVusOf(input);
    const allocated = Math.max(
      input.run.meta.engineResult?.peakAllocatedVus ?? 0,
      ...dropping.map((i) => at(timeline.vusMax, i) ?? 0),
    );
    const poolFull = maxVus !== undefined && allocated >= maxVus;
    const grew =
      duringMs !== undefined &&
      baseMs !== undefined &&
      duringMs >= baseMs * s.latencyGrowth &&
      duringMs - baseMs >= s.minIncreaseMs;
    const severity = dropPercent > s.criticalDropPercent ? 'critical' : 'warning';
    const rates =
      offered !== undefined && served !== undefined
        ? `offered ~${round(offered, 0)} iterations/s, served ~${round(served, 0)}/s`
        : `${droppedCount} arrivals dropped`;
    const pool =
      maxVus === undefined
        ? `${allocated} VUs allocated`
        : `${allocated} of maxVUs ${maxVus} allocated${poolFull ? ' (the pool was full)' : ''}`;
    const latency =
      duringMs !== undefined && baseMs !== undefined
        ? `median latency ${formatMs(baseMs)} before the drops, ${formatMs(duringMs)} while dropping`
        : 'no latency to compare';
    const figures = {
      droppedIterations: droppedCount,
      iterations: done,
      dropPercent: round(dropPercent),
      ...(offered !== undefined ? { offeredPerSec: round(offered, 1) } : {}),
      ...(served !== undefined ? { servedPerSec: round(served, 1) } : {}),
      ...(maxVus !== undefined ? { maxVUs: maxVus } : {}),
      allocatedVus: allocated,
      ...(baseMs !== undefined ? { baseP50Ms: round(baseMs, 3) } : {}),
      ...(duringMs !== undefined ? { droppingP50Ms: round(duringMs, 3) } : {}),
    };
    const common = { figures, ...span(input, dropping) };
    if (grew) {
      const finding: Finding = {
        id: 'target.saturated',
        severity,
        title: `The target serves ~${round(served ?? 0, 0)}/s of the ~${round(offered ?? 0, 0)} iterations/s offered: saturated (${droppedCount} arrivals dropped, ${round(dropPercent)} %)`,
        evidence: {
          text: `In ${dropping.length} s arrivals found no free VU: ${rates}; ${pool}; ${latency}. Latency grew as the VUs piled up waiting on the target, so the target, not the generator (which kept its schedule), set the pace.`,
          ...common,
        },
        cause:
          'The offered rate is above what the target can serve: requests queue in it (a saturated core or event loop, a pool, a lock), each VU waits longer, and the pool runs out.',
        fix: `Treat ~${round(served ?? 0, 0)} iterations/s as this setup's capacity: find the saturated resource on the server charts and scale or optimise it; to measure latency under load, rerun below that rate (or with a breakpoint profile to find the knee).`,
        chart: 'load',
      };
      return [finding];
    }
    const iterationMs = iterationDurationMs(input);
    const needed =
      offered !== undefined && iterationMs !== undefined
        ? Math.ceil(((offered * iterationMs) / 1000) * s.headroom)
        : undefined;
    const finding: Finding = {
      id: 'load.vu-pool-exhausted',
      severity,
      title: `maxVUs too small for the rate: ${droppedCount} arrivals dropped (${round(dropPercent)} %) while the target kept its latency`,
      evidence: {
        text: `In ${dropping.length} s arrivals found no free VU: ${rates}; ${pool}; ${latency}. The target answered as fast as before, so the VU pool, not the target, capped the rate${iterationMs !== undefined ? `: an iteration takes ${formatMs(iterationMs)}, so ${round(offered ?? 0, 0)}/s needs about ${Math.ceil(((offered ?? 0) * iterationMs) / 1000)} VUs busy at once` : ''}.`,
        ...common,
        figures: { ...figures, ...(needed !== undefined ? { suggestedMaxVUs: needed } : {}) },
      },
      cause:
        'An arrival-rate executor needs rate × iteration duration VUs busy at once (plus think time); with fewer, arrivals are dropped and the target sees less load than planned.',
      fix: `Raise maxVUs${needed !== undefined ? ` to about ${needed}` : ''} (and preAllocatedVUs near it, so VUs are not created during the load), then rerun before reading the other figures.`,
      chart: 'load',
    };
    return [finding];
  },
};

function iterationDurationMs(input: DetectorInput): number | undefined {
  const d = input.summary.metrics['iteration_duration'];
  return d?.kind === 'trend' && d.count > 0 ? d.avg : undefined;
}
