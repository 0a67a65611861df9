import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  postgresSeries,
  PostgresCollector,
} from '../../../harness/collectors/postgres-collector.js';
import { createSampleApi, type SampleApi } from '../../../targets/sample-api/app.js';
import { parseSampleApiConfig } from '../../../targets/sample-api/config.js';
import { componentGate } from '../../helpers/require-component.js';

const POSTGRES_SERIES = postgresSeries('db');

const URL =
  process.env.LOADRIG_TEST_POSTGRES_URL ?? 'postgres://loadrig:loadrig@127.0.0.1:5432/loadrig';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const gate = componentGate('LOADRIG_REQUIRE_POSTGRES', await reachable(), `PostgreSQL at ${URL}`);

let api: SampleApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe.skipIf(gate.skip)('sample API pool mode on real Postgres connections', () => {
  it('queues requests behind POOL_SIZE connections running pg_sleep, visible in pg_stat_activity', async () => {
    api = createSampleApi(
      parseSampleApiConfig({
        PORT: '0',
        SAMPLE_API_MODE: 'pool',
        POOL_SIZE: '2',
        POOL_HOLD_MS: '300',
        POOL_DATABASE_URL: URL,
      }),
    );
    await new Promise<void>((resolve) => api?.server.listen(0, '127.0.0.1', resolve));
    const address = api.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const collector = new PostgresCollector(URL, 'db');
    const started = performance.now();
    const requests = Promise.all(
      Array.from({ length: 4 }, async () => (await fetch(`${base}/fast`)).status),
    );
    await new Promise((r) => setTimeout(r, 150));
    const during = await collector.sample(Date.now());
    expect(await requests).toEqual([200, 200, 200, 200]);
    await collector.close();
    // 4 requests through 2 connections holding 300 ms each: two waves.
    expect(performance.now() - started).toBeGreaterThanOrEqual(580);
    expect(during[POSTGRES_SERIES.active]).toBeGreaterThanOrEqual(2);
  });
});
