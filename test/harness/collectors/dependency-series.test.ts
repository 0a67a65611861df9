import { describe, expect, it } from 'vitest';
import type { RunData } from '../../../core/run-dir/run-data.js';
import {
  PostgresCollector,
  postgresSeries,
} from '../../../harness/collectors/postgres-collector.js';
import { RedisCollector, redisSeries } from '../../../harness/collectors/redis-collector.js';
import { buildTimeline } from '../../../reports/analysis/timeline.js';

describe('Postgres and Redis series carry the dependency’s name', () => {
  it('so two databases (or caches) in one run never share a series', async () => {
    const orders = new PostgresCollector('postgres://u:p@127.0.0.1:9/orders', 'orders-db');
    const users = new PostgresCollector('postgres://u:p@127.0.0.1:9/users', 'users-db');
    const idsOf = (c: { series: { id: string }[] }): string[] => c.series.map((s) => s.id);
    expect(idsOf(orders)).toContain('postgres.orders-db.connections_active');
    expect(idsOf(orders)).toContain('postgres.orders-db.commits_per_sec');
    expect(idsOf(orders).filter((id) => idsOf(users).includes(id))).toEqual([]);
    expect(orders.series.find((s) => s.id.endsWith('.cache_hit_percent'))).toMatchObject({
      label: 'orders-db cache hit ratio',
      unit: 'percent',
      source: 'postgres orders-db',
    });
    const cache = new RedisCollector('redis://127.0.0.1:9', 'cache');
    const sessions = new RedisCollector('redis://127.0.0.1:9', 'sessions');
    expect(idsOf(cache)).toEqual(Object.values(redisSeries('cache')));
    expect(idsOf(cache)).toContain('redis.cache.ops_per_sec');
    expect(idsOf(cache).filter((id) => idsOf(sessions).includes(id))).toEqual([]);
    await Promise.all([orders, users, cache, sessions].map((c) => c.close()));
    expect(postgresSeries('postgres').active).toBe('postgres.postgres.connections_active');
  });

  it('and runs recorded before, with ids without the name, read and chart as they are', () => {
    const run = {
      meta: {
        serverSeries: [
          {
            id: 'postgres.connections_active',
            label: 'postgres connections active',
            unit: 'count',
            source: 'postgres postgres',
          },
        ],
        phases: [],
        scenario: { loadModel: 'closed' },
      },
      client: [
        { t: 100, vus: 1, metrics: {} },
        { t: 101, vus: 1, metrics: {} },
      ],
      server: [
        { t: 100, values: { 'postgres.connections_active': 3, 'redis.ops_per_sec': 50 } },
        { t: 101, values: { 'postgres.connections_active': 4, 'redis.ops_per_sec': 70 } },
      ],
    } as unknown as RunData;
    const server = buildTimeline(run).server;
    expect(server.map((s) => [s.id, s.values])).toEqual([
      ['postgres.connections_active', [3, 4]],
      ['redis.ops_per_sec', [50, 70]],
    ]);
  });
});
