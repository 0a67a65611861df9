import { changePoints, type ChangePointOptions } from './change-points.js';
import { confirmChangePoints } from './confirm-change-points.js';
import { parseFigureKey } from './figure-key.js';
import type { RunGroup } from './history-run.js';
import { historyMetric, type HistoryUnit } from './metrics/index.js';
import { shiftMagnitude } from './t-test.js';

/** A shift of one figure, placed on the run where it starts. */
export interface HistoryChangePoint {
  /** Index into the group's runs of the first run at the new level. */
  runIndex: number;
  runId: string;
  commit: string | null;
  branch: string | null;
  startedAt: string;
  meanBefore: number;
  meanAfter: number;
  /** (after / before − 1) × 100; null when the mean before is 0. */
  changePercent: number | null;
  /** The larger relative change forwards or backwards (what --min-magnitude compares). */
  magnitude: number;
  pValue: number;
  qhat: number;
  direction: 'regression' | 'improvement';
}

/**
 * Where the newest run stands: it starts a regression (the shift begins at it), continues
 * one (it sits in the level after the latest shift, which was for the worse), or neither.
 */
export type NewestState = 'regression-starts' | 'regression-continues' | 'ok' | 'absent';

export interface MetricHistory {
  key: string;
  metric: string;
  endpoint: string | null;
  label: string;
  unit: HistoryUnit;
  better: 'lower' | 'higher';
  /** One per run of the group, null where the run has no such figure. */
  values: (number | null)[];
  changePoints: HistoryChangePoint[];
  newest: NewestState;
}

/**
 * The history of one figure over a group's runs. Runs without the figure (an endpoint added
 * later) are left out of its series rather than filled in, so no level is invented.
 */
export function metricHistory(
  group: RunGroup,
  key: string,
  options: ChangePointOptions,
): MetricHistory | undefined {
  const ref = parseFigureKey(key);
  const def = historyMetric(ref.metric);
  if (!def) return undefined;
  const values = group.runs.map((r) => r.digest.figures[key] ?? null);
  const runIndexes: number[] = [];
  const series: number[] = [];
  values.forEach((v, i) => {
    if (v === null) return;
    runIndexes.push(i);
    series.push(v);
  });
  const found = confirmChangePoints(series, changePoints(series, options), options).map(
    (c): HistoryChangePoint => {
      const runIndex = runIndexes[c.index] as number;
      const run = group.runs[runIndex]!;
      const { meanBefore, meanAfter, pValue } = c.stats;
      const worse = def.better === 'lower' ? meanAfter > meanBefore : meanAfter < meanBefore;
      return {
        runIndex,
        runId: run.id,
        commit: run.commit,
        branch: run.branch,
        startedAt: run.startedAt,
        meanBefore,
        meanAfter,
        changePercent: meanBefore === 0 ? null : (meanAfter / meanBefore - 1) * 100,
        magnitude: shiftMagnitude(c.stats),
        pValue,
        qhat: c.qhat,
        direction: worse ? 'regression' : 'improvement',
      };
    },
  );
  return {
    key,
    metric: ref.metric,
    endpoint: ref.endpoint ?? null,
    label: ref.endpoint === undefined ? def.label : `${def.label} ${ref.endpoint}`,
    unit: def.unit,
    better: def.better,
    values,
    changePoints: found,
    newest: newestState(values, found),
  };
}

function newestState(values: (number | null)[], found: HistoryChangePoint[]): NewestState {
  const newest = values.length - 1;
  if (newest < 0 || values[newest] === null) return 'absent';
  const last = found.at(-1);
  if (!last || last.direction !== 'regression') return 'ok';
  return last.runIndex === newest ? 'regression-starts' : 'regression-continues';
}
