import * as Influx from 'influx';
import { LoadrigError } from '../../core/errors.js';
import type { RunStatus } from '../../core/run-dir/run-data.js';
import { parseFigureKey } from '../../reports/analysis/history/figure-key.js';
import type { HistoryRun } from '../../reports/analysis/history/history-run.js';
import { historyMetric } from '../../reports/analysis/history/metrics/index.js';
import { RUN_MEASUREMENT } from '../sinks/influxdb/influx-points.js';
import { parseInfluxUrl } from '../sinks/influxdb/influx-url.js';
import type { RunFilter } from './run-filter.js';

/** Columns of a `loadrig_run` point that are not figures. */
const RUN_COLUMNS = new Set([
  'time',
  'testid',
  'scenario',
  'branch',
  'commit',
  'status',
  'dirty',
  'ended_at',
  'window_kind',
  'window_seconds',
  'requests',
]);

type RunRow = Record<string, unknown> & { time: Influx.INanoDate };

/** The InfluxQL that selects the finished runs `filter` keeps. */
export function runQuery(filter: RunFilter): string {
  const where = [`("status" = 'passed' OR "status" = 'failed')`];
  if (filter.scenario !== undefined) {
    where.push(`"scenario" = ${Influx.escape.stringLit(filter.scenario)}`);
  }
  if (filter.branch !== undefined)
    where.push(`"branch" = ${Influx.escape.stringLit(filter.branch)}`);
  if (filter.sinceMs !== undefined) where.push(`time >= ${Math.floor(filter.sinceMs)}ms`);
  return `SELECT * FROM ${Influx.escape.measurement(RUN_MEASUREMENT)} WHERE ${where.join(' AND ')}`;
}

/** A `loadrig_run` row as the run its history needs: the same figures its digest.json holds. */
export function runFromRow(row: RunRow): HistoryRun {
  const figures: Record<string, number> = {};
  for (const [column, value] of Object.entries(row)) {
    if (RUN_COLUMNS.has(column) || typeof value !== 'number') continue;
    if (historyMetric(parseFigureKey(column).metric)) figures[column] = value;
  }
  const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
  return {
    id: String(row['testid']),
    scenario: String(row['scenario']),
    branch: text(row['branch']),
    commit: text(row['commit']),
    dirty: row['dirty'] === true,
    startedAt: row.time.toISOString(),
    status: String(row['status']) as RunStatus,
    report: null,
    digest: {
      window: {
        kind: row['window_kind'] === 'whole' ? 'whole' : 'steady',
        fromT: null,
        toT: null,
        seconds: Number(row['window_seconds'] ?? 0),
      },
      requests: Number(row['requests'] ?? 0),
      figures,
    },
  };
}

/**
 * The runs `--out influxdb=` wrote, read back from their `loadrig_run` points: the same
 * identity and figures a folder of run directories gives, so both histories agree.
 */
export async function loadInfluxHistory(
  url: string,
  filter: RunFilter,
): Promise<{ runs: HistoryRun[]; display: string }> {
  const target = parseInfluxUrl(url, '--influx ');
  const client = new Influx.InfluxDB(target.config);
  let rows: RunRow[];
  try {
    rows = (await client.query<Record<string, unknown>>(runQuery(filter))) as unknown as RunRow[];
  } catch (e) {
    throw new LoadrigError(
      'E_INFLUX',
      `InfluxDB at ${target.display} could not be read: ${(e as Error).message}`,
      'check the URL (http://host:8086/<database>, as given to --out influxdb=) and that influxd is running',
      { cause: e },
    );
  }
  return { runs: rows.map(runFromRow), display: target.display };
}
