import { dependencySeries, seriesDescriber } from './series-describer.js';
import pg from 'pg';
import type { ServerSeriesInfo } from '../../core/run-dir/run-data.js';
import type { Collector } from './collector.js';
import { CounterRates } from './counter-rates.js';

/** The series of one Postgres, by metric: `postgres.<name>.<metric>`. */
export const POSTGRES_METRICS = {
  active: 'connections_active',
  idle: 'connections_idle',
  idleInTransaction: 'connections_idle_in_transaction',
  total: 'connections_total',
  waitingOnLock: 'connections_waiting_lock',
  commits: 'commits_per_sec',
  rollbacks: 'rollbacks_per_sec',
  cacheHit: 'cache_hit_percent',
} as const;

/**
 * The series ids of the Postgres called `name` (the dependency's name, `postgres` for a local
 * target's `metrics.postgres`): two databases in one run never share an id. Runs written before
 * the name was part of the id have `postgres.<metric>`; readers take ids as they find them.
 */
export function postgresSeries(name: string): Record<keyof typeof POSTGRES_METRICS, string> {
  return dependencySeries('postgres', name, POSTGRES_METRICS);
}

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
  readonly ids: Record<keyof typeof POSTGRES_METRICS, string>;
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
    const ids = (this.ids = postgresSeries(label));
    this.series = [
      info(ids.active, 'connections active', 'count'),
      info(ids.idle, 'connections idle', 'count'),
      info(ids.idleInTransaction, 'connections idle in transaction', 'count'),
      info(ids.total, 'connections (all states)', 'count'),
      info(ids.waitingOnLock, 'connections waiting on a lock', 'count'),
      info(ids.commits, 'commits/s', 'count'),
      info(ids.rollbacks, 'rollbacks/s', 'count'),
      info(ids.cacheHit, 'cache hit ratio', 'percent'),
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
    const ids = this.ids;
    const { rates, deltas } = this.#rates.next({
      commits: row.commits,
      rollbacks: row.rollbacks,
      hit: row.blks_hit,
      read: row.blks_read,
    });
    const values: Record<string, number> = {
      [ids.active]: row.active,
      [ids.idle]: row.idle,
      [ids.idleInTransaction]: row.idle_in_transaction,
      [ids.total]: row.total,
      [ids.waitingOnLock]: row.waiting_lock,
    };
    if (rates['commits'] !== undefined) values[ids.commits] = rates['commits'];
    if (rates['rollbacks'] !== undefined) values[ids.rollbacks] = rates['rollbacks'];
    const blocks = (deltas['hit'] ?? 0) + (deltas['read'] ?? 0);
    // No block was touched this tick: no ratio to report (a gap, not 0 % or 100 %).
    if (blocks > 0) values[ids.cacheHit] = ((deltas['hit'] ?? 0) / blocks) * 100;
    return values;
  }

  async close(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }
}
