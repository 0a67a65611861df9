import { seriesDescriber } from './series-describer.js';
import pg from 'pg';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';
import { CounterRates } from './counter-rates.js';

export const POSTGRES_SERIES = {
  active: 'postgres.connections_active',
  idle: 'postgres.connections_idle',
  idleInTransaction: 'postgres.connections_idle_in_transaction',
  total: 'postgres.connections_total',
  waitingOnLock: 'postgres.connections_waiting_lock',
  commits: 'postgres.commits_per_sec',
  rollbacks: 'postgres.rollbacks_per_sec',
  cacheHit: 'postgres.cache_hit_percent',
} as const;

// Client backends other than this collector's own connection; states as pg_stat_activity
// names them. Counters are for the database the connection string names.
const QUERY = `
SELECT
  count(*) FILTER (WHERE a.state = 'active')::int AS active,
  count(*) FILTER (WHERE a.state = 'idle')::int AS idle,
  count(*) FILTER (WHERE a.state LIKE 'idle in transaction%')::int AS idle_in_transaction,
  count(*)::int AS total,
  count(*) FILTER (WHERE a.wait_event_type = 'Lock')::int AS waiting_lock,
  (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())::float8 AS commits,
  (SELECT xact_rollback FROM pg_stat_database WHERE datname = current_database())::float8 AS rollbacks,
  (SELECT blks_hit FROM pg_stat_database WHERE datname = current_database())::float8 AS blks_hit,
  (SELECT blks_read FROM pg_stat_database WHERE datname = current_database())::float8 AS blks_read
FROM pg_stat_activity a
WHERE a.backend_type = 'client backend' AND a.pid <> pg_backend_pid()`;

interface Row {
  active: number;
  idle: number;
  idle_in_transaction: number;
  total: number;
  waiting_lock: number;
  commits: number;
  rollbacks: number;
  blks_hit: number;
  blks_read: number;
}

/**
 * Postgres as the target sees it, from one monitoring connection: connections by state
 * (pg_stat_activity), commits and rollbacks per second and the buffer cache hit ratio over the
 * tick (pg_stat_database; Postgres publishes these when a transaction ends, at most once a
 * second per backend, so they trail the load by up to a second).
 */
export class PostgresCollector implements Collector {
  readonly series: ServerSeriesInfo[];
  readonly #rates: CounterRates;
  #client: pg.Client | undefined;

  constructor(
    readonly connectionString: string,
    readonly label: string,
    clockMs: () => number = () => performance.now(),
  ) {
    this.#rates = new CounterRates(clockMs);
    const source = `postgres ${label}`;
    const info = seriesDescriber(label, source);
    this.series = [
      info(POSTGRES_SERIES.active, 'connections active', 'count'),
      info(POSTGRES_SERIES.idle, 'connections idle', 'count'),
      info(POSTGRES_SERIES.idleInTransaction, 'connections idle in transaction', 'count'),
      info(POSTGRES_SERIES.total, 'connections (all states)', 'count'),
      info(POSTGRES_SERIES.waitingOnLock, 'connections waiting on a lock', 'count'),
      info(POSTGRES_SERIES.commits, 'commits/s', 'count'),
      info(POSTGRES_SERIES.rollbacks, 'rollbacks/s', 'count'),
      info(POSTGRES_SERIES.cacheHit, 'cache hit ratio', 'percent'),
    ];
  }

  async #connected(): Promise<pg.Client> {
    if (this.#client) return this.#client;
    const client = new pg.Client({
      connectionString: this.connectionString,
      connectionTimeoutMillis: 800,
      application_name: 'loadrig-collector',
    });
    client.on('error', () => {
      if (this.#client === client) this.#client = undefined;
    });
    await client.connect();
    return (this.#client = client);
  }

  async sample(_nowMs: number): Promise<Record<string, number>> {
    let row: Row | undefined;
    try {
      row = (await (await this.#connected()).query<Row>(QUERY)).rows[0];
    } catch {
      const client = this.#client;
      this.#client = undefined;
      await client?.end().catch(() => undefined);
      return {}; // unreachable this tick: a gap; reconnect on the next
    }
    if (!row) return {};
    const { rates, deltas } = this.#rates.next({
      commits: row.commits,
      rollbacks: row.rollbacks,
      hit: row.blks_hit,
      read: row.blks_read,
    });
    const values: Record<string, number> = {
      [POSTGRES_SERIES.active]: row.active,
      [POSTGRES_SERIES.idle]: row.idle,
      [POSTGRES_SERIES.idleInTransaction]: row.idle_in_transaction,
      [POSTGRES_SERIES.total]: row.total,
      [POSTGRES_SERIES.waitingOnLock]: row.waiting_lock,
    };
    if (rates['commits'] !== undefined) values[POSTGRES_SERIES.commits] = rates['commits'];
    if (rates['rollbacks'] !== undefined) values[POSTGRES_SERIES.rollbacks] = rates['rollbacks'];
    const blocks = (deltas['hit'] ?? 0) + (deltas['read'] ?? 0);
    // No block was touched this tick: no ratio to report (a gap, not 0 % or 100 %).
    if (blocks > 0) values[POSTGRES_SERIES.cacheHit] = ((deltas['hit'] ?? 0) / blocks) * 100;
    return values;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
