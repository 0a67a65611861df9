import { median, sampleRankCorrelation } from 'simple-statistics';
import type { Finding } from '../../model/finding.js';
import { formatBytes } from '../../render/format.js';
import type { ServerTimeline } from '../timeline.js';
import { presentPairs } from '../stats/pairs.js';
import { theilSen } from '../stats/theil-sen.js';
import type { Detector, DetectorInput } from './detector.js';
import { round, seriesEnding, span, steadyLoadSeconds } from './run-facts.js';

type Settings = {
  minMbPerMin: number;
  minRiseMb: number;
  minRisePercent: number;
  minFit: number;
  warmupPercent: number;
  minSeconds: number;
  criticalHours: number;
  minFullGcs: number;
};

/** Memory series in order of preference; one finding per kind that grows. */
const CANDIDATES: {
  suffix: string;
  label: string;
  limit?: (input: DetectorInput, s: ServerTimeline) => number | undefined;
}[] = [
  {
    suffix: 'heap_used_bytes',
    label: 'heap used',
    limit: (input) => lastValue(seriesEnding(input, 'heap_limit_bytes')[0]),
  },
  { suffix: 'memory_bytes', label: 'container memory', limit: containerLimit },
  { suffix: 'rss_bytes', label: 'RSS' },
];

/**
 * Linear memory growth under steady load is a leak's signature. A robust slope (Theil–Sen) after
 * warm-up, a fit-quality bar, and a rising floor: a sawtooth that returns to its baseline (a
 * healthy GC cycle) keeps its floor and does not fire. Garbage piles up until the collector's
 * first full (mark-sweep) collection, so where the target reports its GC kinds, growth is only
 * a leak once `minFullGcs` full collections ran during it and could not bring it down (or when
 * the limit is that close anyway).
 */
export const memoryGrowth: Detector<Settings> = {
  describes: 'memory grows linearly during steady load (a leak)',
  defaults: {
    minMbPerMin: 1,
    minRiseMb: 5,
    minRisePercent: 10,
    minFit: 0.6,
    warmupPercent: 20,
    minSeconds: 20,
    criticalHours: 1,
    minFullGcs: 1,
  },
  detect(input, s) {
    // Memory that follows a rising load is not a leak: only steady load counts.
    const steady = steadyLoadSeconds(input);
    const skip = Math.max(5, Math.floor((steady.length * s.warmupPercent) / 100));
    const window = new Set(steady.slice(skip));
    if (window.size < s.minSeconds) return [];
    const fullGcs = fullCollections(input, window);
    const findings: Finding[] = [];
    const seenKinds = new Set<string>();
    for (const candidate of CANDIDATES) {
      for (const series of seriesEnding(input, candidate.suffix)) {
        if (seenKinds.has(candidate.label)) break;
        const f = growth(
          input,
          series,
          window,
          s,
          candidate.label,
          candidate.limit?.(input, series),
          fullGcs,
        );
        if (f) {
          findings.push(f);
          seenKinds.add(candidate.label);
        }
      }
    }
    // One leak shows in heap, RSS and container memory alike: report the most specific.
    return findings.slice(0, 1);
  },
};

function growth(
  input: DetectorInput,
  series: ServerTimeline,
  window: Set<number>,
  s: Settings,
  label: string,
  limitBytes: number | undefined,
  fullGcs: number | undefined,
): Finding | undefined {
  const t = input.timeline.t.map((v, i) => (window.has(i) ? v : null));
  const { x, y, index } = presentPairs(t, series.values);
  if (x.length < s.minSeconds) return undefined;
  const fit = theilSen(x, y);
  if (!fit) return undefined;
  const seconds = (x[x.length - 1] as number) - (x[0] as number);
  const riseBytes = fit.slope * seconds;
  const mbPerMin = (fit.slope * 60) / 1e6;
  const tenth = Math.max(3, Math.floor(y.length / 5));
  const firstFloor = Math.min(...y.slice(0, tenth));
  const lastFloor = Math.min(...y.slice(-tenth));
  const baseline = median(y.slice(0, tenth));
  const rho = sampleRankCorrelation(x, y);
  const quality = Math.max(fit.r2, rho);
  const floorRise = lastFloor - firstFloor;
  if (
    mbPerMin < s.minMbPerMin ||
    riseBytes < s.minRiseMb * 1e6 ||
    riseBytes < (baseline * s.minRisePercent) / 100 ||
    quality < s.minFit ||
    floorRise < riseBytes * 0.5
  ) {
    return undefined;
  }
  const current = y[y.length - 1] as number;
  const hoursToLimit =
    limitBytes && limitBytes > current ? (limitBytes - current) / fit.slope / 3600 : undefined;
  const nearLimit = hoursToLimit !== undefined && hoursToLimit < s.criticalHours;
  if (fullGcs !== undefined && fullGcs < s.minFullGcs && !nearLimit) return undefined;
  const projection =
    hoursToLimit === undefined
      ? ''
      : ` At this rate it reaches its limit of ${formatBytes(limitBytes as number)} in ${round(hoursToLimit, 1)} h.`;
  return {
    id: 'memory.linear-growth',
    severity: nearLimit ? 'critical' : 'warning',
    title: `${label} grows ${round(mbPerMin, 2)} MB/min under load (${series.label})`,
    evidence: {
      text: `After warm-up, ${series.label} rose from ${formatBytes(baseline)} by ${formatBytes(riseBytes)} in ${round(seconds / 60, 1)} min along a straight line (robust fit R² ${round(fit.r2)}, Spearman ρ ${round(rho)}); its floor rose too (${formatBytes(firstFloor)} → ${formatBytes(lastFloor)}), so this is not a GC sawtooth${fullGcs === undefined ? '' : `, and ${fullGcs} full collection(s) meanwhile did not bring it down`}.${projection}`,
      figures: {
        mbPerMinute: round(mbPerMin, 3),
        riseBytes: Math.round(riseBytes),
        fitR2: round(fit.r2, 3),
        spearmanRho: round(rho, 3),
        ...(fullGcs !== undefined ? { fullGcs } : {}),
        ...(hoursToLimit !== undefined ? { hoursToLimit: round(hoursToLimit, 2) } : {}),
      },
      ...span(input, index),
    },
    cause:
      'Something retains memory per request: an unbounded cache or map, listeners never removed, closures held by timers.',
    fix: 'Take two heap snapshots minutes apart under load and compare them (retained size by constructor); bound or evict the structure that grows.',
    chart: 'server',
  };
}

/**
 * Full (mark-sweep) collections counted in the window's seconds; undefined when the target does
 * not report GC kinds (no agent), so growth cannot be set against them.
 */
function fullCollections(input: DetectorInput, window: Set<number>): number | undefined {
  const series = seriesEnding(input, 'markSweepCompact').find((x) =>
    /gc_count\.markSweepCompact$/.test(x.id),
  );
  if (!series) return undefined;
  let n = 0;
  for (const i of window) n += series.values[i] ?? 0;
  return n;
}

function lastValue(series: ServerTimeline | undefined): number | undefined {
  if (!series) return undefined;
  for (let i = series.values.length - 1; i >= 0; i--) {
    const v = series.values[i];
    if (v !== null && v !== undefined) return v;
  }
  return undefined;
}

function containerLimit(input: DetectorInput, memory: ServerTimeline): number | undefined {
  const percent = input.timeline.server.find(
    (x) => x.id === memory.id.replace(/memory_bytes$/, 'memory_limit_percent'),
  );
  if (!percent) return undefined;
  const i = memory.values.findLastIndex((v, k) => v !== null && (percent.values[k] ?? 0) > 0);
  if (i < 0) return undefined;
  return (memory.values[i] as number) / ((percent.values[i] as number) / 100);
}
