import { DEFAULT_CHANGE_POINT_OPTIONS, type ChangePointOptions } from './change-points.js';
import { parseFigureKey } from './figure-key.js';
import { groupRuns, type HistoryRun, type RunGroup } from './history-run.js';
import { historyMetrics } from './metrics/index.js';
import { metricHistory, type MetricHistory } from './metric-history.js';

export interface GroupHistory extends RunGroup {
  metrics: MetricHistory[];
}

/** A figure whose newest run starts or continues a regression: what fails a history. */
export interface NewestRegression {
  scenario: string;
  branch: string | null;
  metric: MetricHistory;
}

export interface HistoryAnalysis {
  options: ChangePointOptions;
  groups: GroupHistory[];
  /** Empty when the newest run of every group is fine. */
  regressions: NewestRegression[];
}

const METRIC_ORDER = Object.keys(historyMetrics);

/** Whole-run figures first, then per endpoint; in the registry's order within each. */
function byDisplayOrder(a: string, b: string): number {
  const ra = parseFigureKey(a);
  const rb = parseFigureKey(b);
  const ea = ra.endpoint ?? '';
  const eb = rb.endpoint ?? '';
  if (ea !== eb) return ea === '' ? -1 : eb === '' ? 1 : ea < eb ? -1 : 1;
  return METRIC_ORDER.indexOf(ra.metric) - METRIC_ORDER.indexOf(rb.metric);
}

/**
 * The history of every figure of every scenario and branch: change points over the runs, and
 * which figures the newest run of each group leaves in a regression. Pure and deterministic.
 */
export function analyseHistory(
  runs: readonly HistoryRun[],
  options: ChangePointOptions = DEFAULT_CHANGE_POINT_OPTIONS,
): HistoryAnalysis {
  const groups = groupRuns(runs).map((group): GroupHistory => {
    const keys = new Set<string>();
    for (const run of group.runs) for (const key of Object.keys(run.digest.figures)) keys.add(key);
    const metrics = [...keys]
      .sort(byDisplayOrder)
      .map((key) => metricHistory(group, key, options))
      .filter((m): m is MetricHistory => m !== undefined);
    return { ...group, metrics };
  });
  const regressions = groups.flatMap((g) =>
    g.metrics
      .filter((m) => m.newest === 'regression-starts' || m.newest === 'regression-continues')
      .map((metric) => ({ scenario: g.scenario, branch: g.branch, metric })),
  );
  return { options, groups, regressions };
}
