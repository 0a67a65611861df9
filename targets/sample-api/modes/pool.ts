import type { ModeBehaviour, ModeSettings } from './mode.js';

/**
 * Every request needs one of `poolSize` connections for `poolHoldMs` (a query): past `poolSize`
 * concurrent requests the rest wait in FIFO order, so latency grows linearly with concurrency
 * while CPU stays low. With POOL_DATABASE_URL the connections are real Postgres connections
 * (pg.Pool, max poolSize) running `SELECT pg_sleep(hold)`; without it, an in-process pool whose
 * "query" is a timer.
 */
export function pool(settings: ModeSettings): ModeBehaviour {
  return settings.poolDatabaseUrl
    ? postgresPool(settings.poolDatabaseUrl, settings)
    : inProcessPool(settings);
}

/** Waiting requests, readable by a metrics endpoint. */
export const poolStats = { waiting: 0, inUse: 0 };

function inProcessPool(settings: ModeSettings): ModeBehaviour {
  const queue: (() => void)[] = [];
  const release = (): void => {
    const waiter = queue.shift();
    if (waiter) {
      poolStats.waiting = queue.length;
      waiter();
    } else poolStats.inUse--;
  };
  const withConnection = (work: () => void): void => {
    if (poolStats.inUse < settings.poolSize) {
      poolStats.inUse++;
      work();
    } else {
      queue.push(work);
      poolStats.waiting = queue.length;
    }
  };
  return (next) =>
    withConnection(() =>
      setTimeout(() => {
        release();
        next();
      }, settings.poolHoldMs),
    );
}

function postgresPool(url: string, settings: ModeSettings): ModeBehaviour {
  type PgPool = { query(sql: string, params: unknown[]): Promise<unknown>; waitingCount: number };
  const ready: Promise<PgPool> = import('pg').then(
    ({ default: pg }) => new pg.Pool({ connectionString: url, max: settings.poolSize }),
  );
  return (next, fail) => {
    void ready
      .then(async (db) => {
        poolStats.waiting = db.waitingCount;
        await db.query('SELECT pg_sleep($1)', [settings.poolHoldMs / 1000]);
      })
      .then(next, (err: Error) => fail(`pool query failed: ${err.message}`));
  };
}
