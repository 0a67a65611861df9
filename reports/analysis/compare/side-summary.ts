import type { RunData } from '../../../core/run-dir/run-data.js';
import type { CompareMethod, CompareSettings, SideSummary } from './comparison.js';
import type { RunSeconds } from './run-seconds.js';

/** What each side holds: its runs, their commits and steady seconds. */
export function sideSummary(runs: readonly RunData[], seconds: readonly RunSeconds[]): SideSummary {
  const first = runs[0]!.meta;
  return {
    scenario: first.scenario.name,
    target: `${first.target.name} (${first.target.provider})`,
    runs: runs.map((r, i) => ({
      id: r.meta.id,
      startedAt: r.meta.startedAt,
      status: r.meta.status,
      ...(r.meta.git
        ? { commit: r.meta.git.commit, branch: r.meta.git.branch, dirty: r.meta.git.dirty }
        : {}),
      steadySeconds: seconds[i]!.span.reduce((a, b) => a + b, 0),
      steadySource: seconds[i]!.source,
    })),
  };
}

export function methodNotes(
  method: CompareMethod,
  nBase: number,
  nCandidate: number,
  block: number,
  s: CompareSettings,
  judged: number,
): string[] {
  const sides = `${nBase} base run${nBase === 1 ? '' : 's'} vs ${nCandidate} candidate run${nCandidate === 1 ? '' : 's'}`;
  const how =
    method === 'rank'
      ? `${sides}: each run's figure is one sample; two-sided Mann–Whitney U test (exact for small samples) and the Hodges–Lehmann shift with its interval`
      : nBase === 1 && nCandidate === 1
        ? `${sides}: moving-block bootstrap (circular) over the steady seconds of each run, ${s.resamples} resamples, blocks of ${block} s chosen from the autocorrelation, seed ${s.seed}`
        : `${sides}: bootstrap of runs (with replacement) and of circular blocks of ${block} s within each run, ${s.resamples} resamples, seed ${s.seed}, and Welch's t-test over the runs' figures; both must reject (p is the larger of the two) and the interval spans both, since resampling a few runs understates the spread between them; the rank test over the runs is shown beside it`;
  return [
    `${how}.`,
    `A regression or improvement needs a Holm-adjusted p ≤ ${s.alpha} across ${judged} metrics and a change beyond the minimum effect (${trim(s.minEffect * 100)} %, or the metric's floor); unchanged needs the ${trim((1 - s.alpha) * 100)} % interval inside it.`,
  ];
}

function trim(v: number): string {
  return String(Number(v.toFixed(2)));
}
