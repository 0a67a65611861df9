import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { Finding } from '../../model/finding.js';
import { formatMs } from '../../render/format.js';
import {
  permutationPValue,
  regularPeriod,
  sampleInOrder,
  type RegularPeriod,
} from '../stats/regular-period.js';
import type { Detector, DetectorInput } from './detector.js';
import { loadedSeconds, round, seriesEnding, span } from './run-facts.js';

type Settings = {
  minBlockMs: number;
  minBlocks: number;
  minPeriodSec: number;
  periodTolerance: number;
  minRegularShare: number;
  maxPValue: number;
  maxHeightSpread: number;
  spikeRatio: number;
  minRequests: number;
  criticalMs: number;
};

type Second = { i: number; ms: number };

/** Stalled seconds with their height, among the seconds that could have shown one. */
interface Candidates {
  fromAgent: boolean;
  /** Timeline indexes of the loaded seconds with a reading. */
  measured: number[];
  seconds: Second[];
  typicalMs: number;
}

/** GC pause time (ms) within a second of timeline index i, 0 without a GC series. */
function gcPauseNear(input: DetectorInput): (i: number) => number {
  const gc = seriesEnding(input, 'gc_pause_ms').find((x) => /(^|\.)gc_pause_ms$/.test(x.id));
  return (i) => (gc ? Math.max(...[i - 1, i, i + 1].map((j) => gc.values[j] ?? 0)) : 0);
}

/** From the agent's stall meter: seconds whose longest stall reached `minBlockMs`. */
function agentCandidates(input: DetectorInput, s: Settings): Candidates | undefined {
  const block = seriesEnding(input, 'event_loop_block_max_ms')[0];
  if (!block) return undefined;
  const measured = loadedSeconds(input).filter((i) => typeof block.values[i] === 'number');
  const seconds = measured
    .map((i) => ({ i, ms: block.values[i] as number }))
    .filter(({ ms }) => ms >= s.minBlockMs);
  return { fromAgent: true, measured, seconds, typicalMs: 0 };
}

/**
 * Without the stall meter (an external or non-Node target): seconds whose slowest request took
 * `spikeRatio` times a typical second's slowest, and at least `minBlockMs`. Every request in
 * flight during a stall waits it out, so the second it ends in carries it as its maximum.
 */
function clientCandidates(input: DetectorInput, s: Settings): Candidates {
  const { max, reqPerSec } = input.timeline;
  const measured = loadedSeconds(input).filter(
    (i) => typeof max[i] === 'number' && (reqPerSec[i] ?? 0) >= s.minRequests,
  );
  const typicalMs = measured.length > 0 ? median(measured.map((i) => max[i] as number)) : 0;
  const floorMs = Math.max(s.minBlockMs, s.spikeRatio * typicalMs);
  const seconds = measured
    .map((i) => ({ i, ms: max[i] as number }))
    .filter(({ ms }) => ms >= floorMs);
  return { fromAgent: false, measured, seconds, typicalMs };
}

/** Neighbouring stalled seconds are one stall (it straddled a second boundary): keep its peak. */
function stalls(seconds: readonly Second[]): Second[] {
  const out: Second[] = [];
  let previous = -Infinity;
  for (const second of seconds) {
    const last = out.at(-1);
    if (last && second.i === previous + 1) {
      if (second.ms > last.ms) out[out.length - 1] = second;
    } else out.push(second);
    previous = second.i;
  }
  return out;
}

interface Train {
  beats: Second[];
  blockMs: number;
  fit: RegularPeriod;
}

/**
 * The stalls as a train, when they form one: enough of them, of similar height, most gaps one
 * or two periods long and most stalls on the beat grid, a period of at least `minPeriodSec`.
 * Small stalls between the big ones are noise beside the job, not beats of it.
 */
function train(input: DetectorInput, s: Settings, seconds: readonly Second[]): Train | undefined {
  const all = stalls(seconds);
  if (all.length < s.minBlocks) return undefined;
  const typicalMs = median(all.map((x) => x.ms));
  const beats = all.filter((x) => x.ms >= typicalMs / 2);
  if (beats.length < s.minBlocks) return undefined;
  const heights = beats.map((x) => x.ms);
  const blockMs = median(heights);
  if (medianAbsoluteDeviation(heights) > s.maxHeightSpread * blockMs) return undefined;
  const fit = regularPeriod(
    beats.map((x) => input.timeline.t[x.i] as number),
    s.periodTolerance,
  );
  if (
    !fit ||
    fit.periodSec < s.minPeriodSec ||
    fit.regular < s.minRegularShare * fit.intervals ||
    fit.onGrid < s.minRegularShare * beats.length
  )
    return undefined;
  return { beats, blockMs, fit };
}

/**
 * The train's score: stalls on its beat grid, less stalls off it and beats with no stall. A
 * stray or shifted stall costs two, a skipped beat one, so events that merely share a short
 * lattice (all on even seconds, with gaps) score low. A rearrangement as extreme as the
 * observed train scores at least as much.
 */
const score = (t: Train | undefined): number =>
  t ? 2 * t.fit.onGrid - t.beats.length - t.fit.skipped : -Infinity;

/** The same stalls (heights and count) dropped on random measured seconds. */
function scattered(found: Candidates, random: () => number): Second[] {
  const heights = found.seconds.map((x) => x.ms);
  for (let k = heights.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [heights[k], heights[j]] = [heights[j] as number, heights[k] as number];
  }
  return sampleInOrder(found.measured, heights.length, random).map((i, k) => ({
    i,
    ms: heights[k] as number,
  }));
}

// Rearrangements in the permutation test: p can go down to 1 / 500, under the default 0.01.
const ROUNDS = 499;
// A few hundred stalls settle the test; a day-long soak's thousands are tested on the span of
// its first ones, so the cost stays bounded.
const TESTED_STALLS_MAX = 300;

/** The candidates up to the TESTED_STALLS_MAX-th stalled second, and the seconds before it. */
function testedSpan(found: Candidates): Candidates {
  const last = found.seconds[TESTED_STALLS_MAX - 1];
  if (!last) return found;
  return {
    ...found,
    measured: found.measured.filter((i) => i <= last.i),
    seconds: found.seconds.slice(0, TESTED_STALLS_MAX),
  };
}

/**
 * A job on a timer that blocks the event loop: stalls of about the same length at a regular
 * period. Read from the agent's stall meter when the target has one; from the client's
 * per-second maximum latency otherwise. Statistical support is a permutation test: the same
 * stalls dropped on random seconds must rarely line up as well, so random noise, GC spikes and
 * request-driven blocks (which follow the traffic, not the clock) do not qualify.
 */
export const periodicBlock: Detector<Settings> = {
  describes: 'event-loop blocks of similar length at a regular period (a timer job)',
  defaults: {
    minBlockMs: 50,
    minBlocks: 5,
    minPeriodSec: 2,
    periodTolerance: 0.15,
    minRegularShare: 0.8,
    maxPValue: 0.01,
    maxHeightSpread: 0.35,
    spikeRatio: 3,
    minRequests: 5,
    criticalMs: 500,
  },
  detect(input, s) {
    const raw = agentCandidates(input, s) ?? clientCandidates(input, s);
    // GC pauses around a stall are the collector's (gc.* speak of them): a stall that is
    // still a block without them is the code's (its length as lived, GC included).
    const gcNear = gcPauseNear(input);
    const found = {
      ...raw,
      seconds: raw.seconds.filter(({ i, ms }) => ms - gcNear(i) >= s.minBlockMs),
    };
    const observed = train(input, s, found.seconds);
    if (!observed) return [];
    const tested = testedSpan(found);
    const bar = score(tested === found ? observed : train(input, s, tested.seconds));
    const pValue = permutationPValue(
      (random) => score(train(input, s, scattered(tested, random))) >= bar,
      ROUNDS,
      tested.seconds.length,
    );
    if (pValue > s.maxPValue) return [];
    return [finding(input, s, found, observed, pValue)];
  },
};

function finding(
  input: DetectorInput,
  s: Settings,
  found: Candidates,
  { beats, blockMs, fit }: Train,
  pValue: number,
): Finding {
  const every = `${round(fit.periodSec, 1)} s`;
  const longest = Math.max(...beats.map((x) => x.ms));
  const chance = `${fit.regular} of ${fit.intervals} gaps between them are one period long (or two: a beat unseen) and ${fit.onGrid} of ${beats.length} stalls sit on the beat; the same stalls dropped on random seconds line up as well with p ≤ ${pValue.toPrecision(2)}`;
  const blocked = seriesEnding(input, 'event_loop_blocked_ms')[0];
  const blockedMs = blocked ? median(beats.map((x) => blocked.values[x.i] ?? 0)) : undefined;
  return {
    id: 'eventloop.periodic-block',
    severity: blockMs >= s.criticalMs ? 'critical' : 'warning',
    title: found.fromAgent
      ? `Event loop blocked ~${formatMs(round(blockMs, 0))} every ~${every} (${beats.length} times)`
      : `Requests stalled ~${formatMs(round(blockMs, 0))} every ~${every} (${beats.length} times): a periodic block in the target`,
    evidence: {
      text: found.fromAgent
        ? `The agent saw the event loop stop for ${formatMs(round(blockMs, 0))} (median; longest ${formatMs(round(longest, 0))}) ${beats.length} times, every ${every}: ${chance}. Every request that arrived meanwhile waited for it.`
        : `No stall-meter series from a Node agent (an external or non-Node target), so from client latency alone: the slowest request of a second jumped to ~${formatMs(round(blockMs, 0))} (a typical second's slowest: ${formatMs(round(found.typicalMs, 1))}) ${beats.length} times, every ${every}: ${chance}. A stall that follows the clock rather than the load is a timer job blocking the target.`,
      figures: {
        blockMs: round(blockMs, 1),
        longestBlockMs: round(longest, 1),
        periodSec: round(fit.periodSec, 2),
        blocks: beats.length,
        regularIntervals: fit.regular,
        intervals: fit.intervals,
        phaseJitterSec: round(fit.phaseJitterSec, 2),
        onBeat: fit.onGrid,
        pValue: Number(pValue.toPrecision(3)),
        ...(blockedMs !== undefined ? { blockedMsPerBlock: round(blockedMs, 1) } : {}),
        ...(found.fromAgent ? {} : { typicalMaxLatencyMs: round(found.typicalMs, 1) }),
      },
      ...span(
        input,
        beats.map((x) => x.i),
      ),
    },
    cause:
      'Periodic synchronous work on the event loop: a setInterval or cron job (a cache refresh, a metrics flush, a large JSON.stringify, a sync file or crypto call) holds every request behind it while it runs.',
    fix: `Find the job that runs every ~${every} (its interval gives it away); make it asynchronous, cut it into slices with setImmediate between them, or move it to a worker thread or another process. node --cpu-prof over a few periods names the function.`,
    chart: found.fromAgent ? 'server' : 'latency',
  };
}
