import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  postgresSeries,
  PostgresCollector,
} from '../../../harness/collectors/postgres-collector.js';
import { componentGate } from '../../helpers/require-component.js';

// The collectors below are labelled `db`: their series are postgres.db.*.
const POSTGRES_SERIES = postgresSeries('db');

// .ci/run starts Debian's PostgreSQL on 127.0.0.1 and sets this URL (role with pg_monitor).
const URL =
  process.env.LOADRIG_TEST_POSTGRES_URL ?? 'postgres://loadrig:loadrig@127.0.0.1:5432/loadrig';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const gate = componentGate(
  'LOADRIG_REQUIRE_POSTGRES',
  await reachable(),
  `PostgreSQL at ${URL.replace(/:[^:@/]*@/, ':***@')} (LOADRIG_TEST_POSTGRES_URL)`,
);

describe.skipIf(gate.skip)('PostgresCollector against a real server', () => {
  const clients: pg.Client[] = [];
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: URL });
    await client.connect();
    clients.push(client);
    return client;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  });

  it('counts connections by state from pg_stat_activity', async () => {
    const collector = new PostgresCollector(URL, 'db');
    const [busy, idle, inTx] = await Promise.all([connect(), connect(), connect()]);
    await idle.query('SELECT 1');
    await inTx.query('BEGIN');
    await inTx.query('SELECT 1');
    const sleeping = busy.query('SELECT pg_sleep(2)');
    await new Promise((r) => setTimeout(r, 300));
    const values = await collector.sample(Date.now());
    await sleeping;
    await inTx.query('ROLLBACK');
    await collector.close();
    expect(values[POSTGRES_SERIES.active]).toBeGreaterThanOrEqual(1);
    expect(values[POSTGRES_SERIES.idle]).toBeGreaterThanOrEqual(1);
    expect(values[POSTGRES_SERIES.idleInTransaction]).toBeGreaterThanOrEqual(1);
    expect(values[POSTGRES_SERIES.total]).toBeGreaterThanOrEqual(3);
  });

  it('reports commits and rollbacks per second and the cache hit ratio over the tick', async () => {
    const collector = new PostgresCollector(URL, 'db');
    const first = await collector.sample(Date.now());
    expect(first[POSTGRES_SERIES.commits]).toBeUndefined(); // a rate needs two readings
    const worker = new pg.Client({ connectionString: URL });
    await worker.connect();
    await worker.query('CREATE TEMP TABLE t AS SELECT g AS id FROM generate_series(1, 5000) g');
    for (let i = 0; i < 40; i++) await worker.query('SELECT count(*) FROM t');
    for (let i = 0; i < 5; i++) {
      await worker.query('BEGIN');
      await worker.query('ROLLBACK');
    }
    await worker.end(); // a backend publishes its pending statistics when it exits
    await new Promise((r) => setTimeout(r, 500));
    const second = await collector.sample(Date.now());
    await collector.close();
    expect(second[POSTGRES_SERIES.commits]).toBeGreaterThan(10);
    expect(second[POSTGRES_SERIES.rollbacks]).toBeGreaterThan(1);
    expect(second[POSTGRES_SERIES.cacheHit]).toBeGreaterThan(0);
    expect(second[POSTGRES_SERIES.cacheHit]).toBeLessThanOrEqual(100);
  });

  it('reads a gap, not an error, when the server cannot be reached', async () => {
    const collector = new PostgresCollector('postgres://nobody:x@127.0.0.1:9/none', 'gone');
    expect(await collector.sample(Date.now())).toEqual({});
    await collector.close();
  });
});
