import type { HistoryAnalysis } from '../../analysis/history/history-analysis.js';
import type { HistoryChangePoint, MetricHistory } from '../../analysis/history/metric-history.js';

/**
 * history.json, schema version 1 (docs/history-format.md). Fields are only ever added within a
 * version; absent values are null. Nothing in it depends on when it was written, so the same
 * runs always give the same file.
 */
export const HISTORY_SCHEMA_VERSION = 1;

/** Where the runs came from: a folder of run directories, or an InfluxDB database. */
export interface HistorySource {
  kind: 'runs' | 'influxdb';
  location: string;
}

export interface HistoryJson {
  schemaVersion: typeof HISTORY_SCHEMA_VERSION;
  verdict: 'regression' | 'ok';
  source: HistorySource;
  options: { window: number; maxP: number; minMagnitude: number };
  regressions: {
    scenario: string;
    branch: string | null;
    key: string;
    label: string;
    state: 'starts' | 'continues';
    changePoint: HistoryChangePoint;
  }[];
  groups: {
    scenario: string;
    branch: string | null;
    runs: {
      id: string;
      startedAt: string;
      commit: string | null;
      dirty: boolean;
      status: string;
      report: string | null;
      windowKind: 'steady' | 'whole';
      windowSeconds: number;
      requests: number;
    }[];
    metrics: MetricHistory[];
  }[];
}

export function toHistoryJson(analysis: HistoryAnalysis, source: HistorySource): HistoryJson {
  return {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    verdict: analysis.regressions.length > 0 ? 'regression' : 'ok',
    source,
    options: {
      window: analysis.options.windowLen,
      maxP: analysis.options.maxP,
      minMagnitude: analysis.options.minMagnitude,
    },
    regressions: analysis.regressions.map((r) => ({
      scenario: r.scenario,
      branch: r.branch,
      key: r.metric.key,
      label: r.metric.label,
      state: r.metric.newest === 'regression-starts' ? 'starts' : 'continues',
      changePoint: r.metric.changePoints.at(-1) as HistoryChangePoint,
    })),
    groups: analysis.groups.map((g) => ({
      scenario: g.scenario,
      branch: g.branch,
      runs: g.runs.map((r) => ({
        id: r.id,
        startedAt: r.startedAt,
        commit: r.commit,
        dirty: r.dirty,
        status: r.status,
        report: r.report,
        windowKind: r.digest.window.kind,
        windowSeconds: r.digest.window.seconds,
        requests: r.digest.requests,
      })),
      metrics: g.metrics,
    })),
  };
}

export function renderHistoryJson(analysis: HistoryAnalysis, source: HistorySource): string {
  return JSON.stringify(toHistoryJson(analysis, source), null, 2) + '\n';
}
